/// <reference lib="webworker" />
/**
 * The explorer, off the main thread: the page stays responsive, sees progress at least every
 * 100 ms, and cancels by terminating the worker.
 */
import { compileGo } from '../../engine';
import { check, explore, type ExploreOptions } from '../../engine/explore/explore';
import type { ExploreRequest, ExploreReply } from './protocol';

const post = (m: ExploreReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (e: MessageEvent<ExploreRequest>) => {
  const req = e.data;
  const c = compileGo(req.source);
  if (!c.ok) {
    post({ type: 'error', message: c.diagnostics[0]?.msg ?? 'does not compile' });
    return;
  }
  let last = performance.now();
  const opts: ExploreOptions = {
    race: req.race,
    maxStates: req.maxStates,
    progressEvery: 16,
    onProgress: (p) => {
      const now = performance.now();
      if (now - last >= 100) {
        last = now;
        post({ type: 'progress', ...p });
      }
    },
  };
  const result =
    req.mode === 'check' ? check(c.program, opts) : { ...explore(c.program, opts), proved: false };
  post({ type: 'done', result });
};
