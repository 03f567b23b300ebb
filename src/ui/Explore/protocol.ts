import type { ExploreProgress, ExploreResult } from '../../engine/explore/explore';

export interface ExploreRequest {
  readonly source: string;
  readonly race: boolean;
  readonly maxStates: number;
}

export type ExploreReply =
  | ({ readonly type: 'progress' } & ExploreProgress)
  | { readonly type: 'done'; readonly result: ExploreResult }
  | { readonly type: 'error'; readonly message: string };
