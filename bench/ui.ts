/**
 * The page's figures, measured in headless Chromium (run `npm run build` first):
 *   - frame times while 64 goroutines run at full speed (95th percentile, worst)
 *   - the longest main-thread task (Long Tasks API)
 *   - initial JavaScript, gzipped
 */
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const port = 4199;
const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  { stdio: 'ignore' },
);
await new Promise((r) => setTimeout(r, 1500));
try {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${port}/?scenario=store-under-load`);
  await page.locator('[data-goroutine="G1"]').waitFor();
  // a string, not a function: tsx would wrap named functions in a helper the page lacks
  await page.evaluate(`
    window.__frames = [];
    window.__tasks = [];
    window.__t0 = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__tasks.push([e.startTime - window.__t0, e.duration]))).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (t) => { window.__frames.push([t - window.__t0, t - last]); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  `);

  await page.getByLabel('Speed').selectOption('max');
  await page.evaluate('window.__frames = []; window.__tasks = []; window.__t0 = performance.now()');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(4000);
  const { frames, tasks, step } = (await page.evaluate(
    `({ frames: window.__frames, tasks: window.__tasks, step: document.querySelector('[aria-label="Rewind to step"]').value })`,
  )) as { frames: [number, number][]; tasks: [number, number][]; step: string };
  if (process.env.BENCH_VERBOSE)
    console.log(
      frames.filter(([, d]) => d > 20),
      tasks,
    );
  const intervals = frames.map(([, d]) => d);
  const sorted = [...intervals].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const within = intervals.filter((f) => f <= 16.7).length / Math.max(1, intervals.length);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 16.7;
  const dropped = intervals.filter((f) => f > median * 1.5).length;
  console.log(`UI, 64 goroutines at full speed for 4 s: ${frames.length} frames, ${step} steps`);
  console.log(
    `  frame intervals: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, worst ${Math.max(...intervals).toFixed(1)} ms; ${(within * 100).toFixed(1)}% within 16.7 ms; ${dropped} dropped frames (> 1.5 × median)`,
  );
  console.log(
    `  long tasks (> 50 ms): ${tasks.length}${tasks.length ? `, longest ${Math.max(...tasks.map(([, d]) => d)).toFixed(0)} ms` : ''}`,
  );
  await browser.close();
} finally {
  server.kill();
}

const html = readFileSync('dist/index.html', 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map(
  (m) => m[1] as string,
);
const kb = (f: string) => gzipSync(readFileSync(`dist/${f}`)).length / 1024;
console.log(
  `Bundle: initial JavaScript (entry + preloads) ${initial.reduce((a, f) => a + kb(f), 0).toFixed(1)} KB gzip: ${initial.map((f) => `${f} ${kb(f).toFixed(1)} KB`).join(', ')}`,
);
