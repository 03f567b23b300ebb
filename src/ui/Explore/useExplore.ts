import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResult, ExploreProgress } from '../../engine/explore/explore';
import type { ExploreReply, ExploreRequest, WarmRequest } from './protocol';

export type ExploreState =
  | { readonly k: 'idle' }
  | { readonly k: 'running'; readonly progress: ExploreProgress | null }
  | { readonly k: 'done'; readonly result: CheckResult }
  | { readonly k: 'cancelled' }
  | { readonly k: 'error'; readonly message: string };

/**
 * Run the explorer in a Web Worker; `cancel` terminates it at once. A worker that has finished
 * a search is kept for the next one: its JIT has compiled the explorer by then, and a search
 * of a few thousand states runs three to four times faster in it than in a fresh worker
 * (`npm run bench`). It goes when the component does.
 */
export function useExplore() {
  const [state, setState] = useState<ExploreState>({ k: 'idle' });
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    busy.current = false;
  }, []);
  useEffect(() => stop, [stop]);
  /**
   * Start the worker, if there is none, with a small search of `source` whose result is
   * dropped: called when a search is about to be asked for (the pointer over a search button,
   * or focus on one), so that the first search runs compiled, as later ones do (a fresh
   * worker's first search of a lesson's program took 200-420 ms from the click, a second
   * 40-150 ms).
   */
  const warm = useCallback((source: string) => {
    if (worker.current) return;
    const w = spawn();
    worker.current = w;
    w.postMessage({ type: 'warm', source } satisfies WarmRequest);
  }, []);
  const run = useCallback(
    (req: Omit<ExploreRequest, 'type'>) =>
      new Promise<CheckResult | null>((resolve) => {
        // a search still under way is dropped with its worker
        if (busy.current) stop();
        const w = worker.current ?? spawn();
        worker.current = w;
        busy.current = true;
        setState({ k: 'running', progress: null });
        w.onmessage = (e: MessageEvent<ExploreReply>) => {
          const m = e.data;
          if (m.type === 'progress') {
            setState({ k: 'running', progress: m });
            return;
          }
          busy.current = false;
          if (m.type === 'done') {
            setState({ k: 'done', result: m.result });
            resolve(m.result);
          } else {
            setState({ k: 'error', message: m.message });
            resolve(null);
          }
        };
        w.onerror = () => {
          stop();
          setState({ k: 'error', message: 'the explorer stopped unexpectedly' });
          resolve(null);
        };
        w.postMessage({ type: 'search', ...req } satisfies ExploreRequest);
      }),
    [stop],
  );
  const cancel = useCallback(() => {
    stop();
    setState({ k: 'cancelled' });
  }, [stop]);
  /** back to no search (one under way is dropped), for an answer that needs none */
  const reset = useCallback(() => {
    stop();
    setState({ k: 'idle' });
  }, [stop]);
  return { state, run, cancel, reset, warm };
}

function spawn(): Worker {
  return new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });
}
