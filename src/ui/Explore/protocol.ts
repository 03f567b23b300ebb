import type { CheckResult, ExploreProgress } from '../../engine/explore/explore';

export interface ExploreRequest {
  readonly source: string;
  readonly race: boolean;
  readonly maxStates: number;
  /**
   * find: breadth-first, every outcome with a shortest schedule; check: the same, then a
   * proof search if the budget ran out before every schedule was covered
   */
  readonly mode: 'find' | 'check';
}

export type ExploreReply =
  | ({ readonly type: 'progress' } & ExploreProgress)
  | { readonly type: 'done'; readonly result: CheckResult }
  | { readonly type: 'error'; readonly message: string };
