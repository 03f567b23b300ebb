/**
 * The page's figures, measured in headless Chromium (run `npm run build` first):
 *   - frame times while 64 goroutines run at full speed and at 1,000 steps/s (95th percentile,
 *     worst)
 *   - the longest main-thread task (Long Tasks API)
 *   - initial JavaScript, gzipped
 *   - how long cancelling a search takes in the app, from the click to the notice
 *   - the explorer's states per second in a Web Worker (bench/worker-entry.ts, bundled by Vite)
 */
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { modelSource } from './model';

/** The worker's code as one script (the page loads it from a Blob). */
async function workerCode(): Promise<string> {
  const out = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: new URL('./worker-entry.ts', import.meta.url).pathname,
        formats: ['iife'],
        name: 'ExploreBench',
      },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const first = Array.isArray(out) ? out[0] : out;
  const chunk = first?.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no worker bundle');
  return chunk.code;
}

/** Frame intervals (ms) and long tasks while a run plays, in words. */
function frameFigures(intervals: number[], tasks: number[]): string {
  const sorted = [...intervals].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  // a frame is on time when it follows the previous one by one vsync (16.7 ms at 60 Hz);
  // requestAnimationFrame timestamps jitter by a fraction of a millisecond around it
  const within = intervals.filter((f) => f <= 17.7).length / Math.max(1, intervals.length);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 16.7;
  const dropped = intervals.filter((f) => f > median * 1.5).length;
  return `frame intervals: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(2)} ms, worst ${Math.max(...intervals).toFixed(1)} ms; ${(within * 100).toFixed(1)}% of frames within one vsync (16.7 ms, plus 1 ms of timestamp jitter); ${dropped} dropped frames (> 1.5 × median); long tasks (> 50 ms) while it played: ${tasks.length}${tasks.length ? `, longest ${Math.max(...tasks).toFixed(0)} ms` : ''}`;
}

const port = 4199;
// (in a process group of its own: npx starts vite as a child, which must stop with it)
const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  { stdio: 'ignore', detached: true },
);
await new Promise((r) => setTimeout(r, 1500));
try {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${port}/?scenario=store-under-load`);
  await page.locator('[data-goroutine="G1"]').waitFor();
  // a string, not a function: tsx would wrap named functions in a helper the page lacks
  // frames are counted while the run plays (from Play to the run's end), over RUNS runs: the
  // run takes about a second at full speed here, and idle frames after it would flatter
  // the figure
  await page.evaluate(`
    window.__frames = [];
    window.__tasks = [];
    window.__on = false;
    window.__ended = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (window.__on) window.__tasks.push(e.duration); })).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (t) => {
      const playing = [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Pause');
      if (playing && window.__on) window.__frames.push(t - last);
      if (playing) window.__on = true;
      else if (window.__on) { window.__on = false; window.__ended++; }
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  `);
  await page.getByLabel('Speed').selectOption('max');
  const RUNS = 3;
  let steps = '';
  for (let run = 1; run <= RUNS; run++) {
    if (run > 1) await page.getByRole('button', { name: 'Restart' }).click();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(`window.__ended === ${run}`, null, { timeout: 120_000 });
    steps = (await page.evaluate(
      `document.querySelector('[aria-label="Rewind to step"]').value`,
    )) as string;
  }
  const { frames: intervals, tasks } = (await page.evaluate(
    `({ frames: window.__frames, tasks: window.__tasks })`,
  )) as { frames: number[]; tasks: number[] };
  if (process.env.BENCH_VERBOSE)
    console.log(
      intervals.filter((d) => d > 20),
      tasks,
    );
  const seconds = intervals.reduce((a, b) => a + b, 0) / 1000;
  console.log(
    `UI, 64 goroutines at full speed: ${RUNS} runs of ${steps} steps from Play to the end, ${intervals.length} frames in ${seconds.toFixed(2)} s`,
  );
  console.log(`  ${frameFigures(intervals, tasks)}`);

  // the same run at 1,000 steps a second (the fastest speed before "as fast as possible"),
  // 3 s from Play
  await page.getByRole('button', { name: 'Restart' }).click();
  await page.getByLabel('Speed').selectOption('1000');
  await page.evaluate('window.__frames = []; window.__tasks = []');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(3000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const at1000 = (await page.evaluate(`({ frames: window.__frames, tasks: window.__tasks })`)) as {
    frames: number[];
    tasks: number[];
  };
  console.log(
    `UI, 64 goroutines at 1,000 steps/s for 3 s: ${at1000.frames.length} frames\n  ${frameFigures(at1000.frames, at1000.tasks)}`,
  );

  // cancelling a search in the app: from the click on Cancel to "Search cancelled." on the
  // page (issue #5: within 100 ms), five times on a fresh page
  {
    const p2 = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await p2.goto(`http://127.0.0.1:${port}/?scenario=store-under-load`);
    await p2.locator('[data-goroutine="G1"]').waitFor();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await p2.getByRole('button', { name: 'Explore all schedules' }).click();
      await p2
        .getByRole('status')
        .filter({ hasText: /Exploring schedules.*\d[\d,]* states/ })
        .waitFor({ timeout: 10_000 });
      // the time is taken in the page: from the click's event to the notice's appearance
      const ms = (await p2.evaluate(`new Promise((resolve) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Cancel');
        const t0 = performance.now();
        const seen = () => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent.includes('Search cancelled.'));
        new MutationObserver((_, o) => { if (seen()) { o.disconnect(); resolve(performance.now() - t0); } }).observe(document.body, { subtree: true, childList: true, characterData: true });
        button.click();
      })`)) as number;
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(
      `Cancelling a search in the app (store-under-load, 5 times): median ${times[2]?.toFixed(0)} ms, worst ${times[4]?.toFixed(0)} ms from the click to "Search cancelled."`,
    );
    await p2.close();
  }

  // the explorer in a Web Worker, on the same models as bench/run.ts
  const code = await workerCode();
  console.log(
    "\nExplorer in a Web Worker (Chromium), 10 runs per search in a fresh worker: the fastest, and the first (what the app's first search gets; later ones reuse its worker)",
  );
  for (const [label, file, n, k, opts] of [
    ['spin.go N=4, K=3, shortest', 'spin.go', 4, 3, {}],
    ['spin.go N=4, K=3, proof   ', 'spin.go', 4, 3, { proof: true }],
    ['spin.go N=5, K=3, shortest', 'spin.go', 5, 3, {}],
    ['spin.go N=5, K=3, proof   ', 'spin.go', 5, 3, { proof: true }],
    ['lock-order.go N=6, K=3, first failure', 'lock-order.go', 6, 3, { stopOnFailure: true }],
  ] as const) {
    const r = (await page.evaluate(
      `new Promise((resolve) => {
        const w = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(code)}], { type: 'text/javascript' })));
        w.onmessage = (e) => { resolve(e.data); w.terminate(); };
        w.postMessage({ source: ${JSON.stringify(modelSource(file, { N: n, K: k }))}, opts: ${JSON.stringify({ maxStates: 2_000_000, ...opts })}, reps: 10 });
      })`,
    )) as {
      states: number;
      ms: number;
      first: number;
      complete: boolean;
      steps: number;
      error?: string;
    };
    if (r.error) throw new Error(r.error);
    console.log(
      `  ${label}: ${r.states.toLocaleString('en-US').padStart(7)} states in ${Math.round(r.ms)} ms = ${Math.round((r.states / r.ms) * 1000).toLocaleString('en-US')} states/s${r.steps ? ` (a failure of ${r.steps} steps)` : r.complete ? ', complete' : ''}; first run ${Math.round(r.first)} ms = ${Math.round((r.states / r.first) * 1000).toLocaleString('en-US')} states/s`,
    );
  }
  await browser.close();
} finally {
  try {
    if (server.pid) process.kill(-server.pid);
  } catch {
    // (already gone)
  }
}

const html = readFileSync('dist/index.html', 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map(
  (m) => m[1] as string,
);
const kb = (f: string) => gzipSync(readFileSync(`dist/${f}`)).length / 1024;
console.log(
  `Bundle: initial JavaScript (entry + preloads) ${initial.reduce((a, f) => a + kb(f), 0).toFixed(1)} KB gzip: ${initial.map((f) => `${f} ${kb(f).toFixed(1)} KB`).join(', ')}`,
);
