import type { CheckResult, ExploreProgress } from '../../engine/explore/explore';

export interface ExploreRequest {
  readonly type: 'search';
  readonly source: string;
  readonly race: boolean;
  readonly maxStates: number;
  /**
   * find: breadth-first, every outcome with a shortest schedule; check: the same, then a
   * proof search if the budget ran out before every schedule was covered
   */
  readonly mode: 'find' | 'check';
}

/**
 * A small search of the program whose result is dropped, sent when a search is about to be
 * asked for (see useExplore's warm), so that the JIT has compiled the explorer by then
 */
export interface WarmRequest {
  readonly type: 'warm';
  readonly source: string;
}

/** the states a warm-up explores at most (in each of the two searches `check` may run) */
export const WARM_STATES = 300;

export type ExploreReply =
  | ({ readonly type: 'progress' } & ExploreProgress)
  | { readonly type: 'done'; readonly result: CheckResult }
  | { readonly type: 'error'; readonly message: string };
