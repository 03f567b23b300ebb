/// <reference lib="webworker" />
/**
 * The explorer, off the main thread: the page stays responsive, sees progress at least every
 * 100 ms, and cancels by terminating the worker.
 */
import { compileGo } from '../../engine';
import { check, explore, type ExploreOptions } from '../../engine/explore/explore';
import { WARM_STATES, type ExploreReply, type ExploreRequest, type WarmRequest } from './protocol';

const post = (m: ExploreReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (e: MessageEvent<ExploreRequest | WarmRequest>) => {
  const req = e.data;
  if (req.type === 'warm') {
    // nothing is sent back: a search asked for meanwhile waits in the queue, then runs compiled
    const c = compileGo(req.source);
    if (c.ok) check(c.program, { maxStates: WARM_STATES });
    return;
  }
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
