import { chromium } from '@playwright/test';
import { chromiumPath, chromiumArgs } from '/work/main/e2e/chromium';
const b = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await b.newPage({ viewport: { width: 1280, height: 720 } });
const port = process.env.PORT ?? '4197';
await page.goto(`http://127.0.0.1:${port}/?scenario=store-under-load`);
await page.locator('[data-goroutine="G1"]').waitFor();
await page.evaluate(`window.__ended = 0; window.__on=false; window.__loaf=[]; window.__fr=[]; let last=performance.now();
new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (window.__on) window.__loaf.push({d:e.duration, start:e.startTime, render:e.renderStart? e.startTime+e.duration-e.renderStart:0, style:e.styleAndLayoutStart? e.startTime+e.duration-e.styleAndLayoutStart:0, scripts:e.scripts.map(s=>({f:s.sourceFunctionName, inv:s.invoker, d:s.duration, fl:s.forcedStyleAndLayoutDuration}))}); })).observe({ type: 'long-animation-frame' });
const tick = (t) => { const playing = [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Pause'); if (playing && window.__on) window.__fr.push(t-last); last=t; if (playing) window.__on = true; else if (window.__on) { window.__on = false; window.__ended++; } requestAnimationFrame(tick); }; requestAnimationFrame(tick);`);
await page.getByLabel('Speed').selectOption('max');
const RUNS = Number(process.env.RUNS ?? 3);
for (let run = 1; run <= RUNS; run++) {
  if (run > 1) await page.getByRole('button', { name: 'Restart' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(`window.__ended === ${run}`, null, { timeout: 120_000 });
}
const r = await page.evaluate(`({loaf: window.__loaf, fr: window.__fr})`) as any;
const fr: number[] = r.fr;
console.log('frames', fr.length, 'within', (fr.filter(f => f <= 17.7).length / fr.length * 100).toFixed(1) + '%');
console.log(fr.map(f=>f.toFixed(0)).join(' '));
console.log('long frames (>50ms LoAF)', r.loaf.length);
for (const e of r.loaf.slice(0, Number(process.env.SHOW ?? 15))) console.log(e.d.toFixed(0), 'render', e.render.toFixed(1), 'style+layout', e.style.toFixed(1), e.scripts.map((s: any) => `${s.inv}:${s.f}:${s.d.toFixed(0)}${s.fl ? '/forced ' + s.fl.toFixed(0) : ''}`).join(' | '));
await b.close();
