import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckResult, ExploreProgress } from '../../engine/explore/explore';
import type { ExploreReply, ExploreRequest } from './protocol';

export type ExploreState =
  | { readonly k: 'idle' }
  | { readonly k: 'running'; readonly progress: ExploreProgress | null }
  | { readonly k: 'done'; readonly result: CheckResult }
  | { readonly k: 'cancelled' }
  | { readonly k: 'error'; readonly message: string };

/** Run the explorer in a Web Worker; `cancel` terminates it at once. */
export function useExplore() {
  const [state, setState] = useState<ExploreState>({ k: 'idle' });
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);
  const run = useCallback(
    (req: ExploreRequest) =>
      new Promise<CheckResult | null>((resolve) => {
        stop();
        const w = new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' });
        worker.current = w;
        setState({ k: 'running', progress: null });
        w.onmessage = (e: MessageEvent<ExploreReply>) => {
          const m = e.data;
          if (m.type === 'progress') setState({ k: 'running', progress: m });
          else if (m.type === 'done') {
            setState({ k: 'done', result: m.result });
            stop();
            resolve(m.result);
          } else {
            setState({ k: 'error', message: m.message });
            stop();
            resolve(null);
          }
        };
        w.postMessage(req);
      }),
    [stop],
  );
  const cancel = useCallback(() => {
    stop();
    setState({ k: 'cancelled' });
  }, [stop]);
  return { state, run, cancel };
}
