// Screenshots of the built app while `vite preview` runs, to look at what users see:
//   npx tsx scripts/screenshot.ts URL OUT.png [width height] [actions]
// actions: comma-separated `key:ArrowRight`, `click:Play` (a button's name), `wait:500`.
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';

const [url, out, w = '1280', h = '720', actions = ''] = process.argv.slice(2);
if (!url || !out) throw new Error('usage: screenshot.ts URL OUT.png [width height] [actions]');
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(url);
await page.waitForTimeout(500);
for (const a of actions.split(',').filter(Boolean)) {
  if (a.startsWith('key:')) await page.keyboard.press(a.slice(4));
  else if (a.startsWith('wait:')) await page.waitForTimeout(Number(a.slice(5)));
  else if (a.startsWith('click:'))
    await page
      .getByRole('button', { name: a.slice(6) })
      .first()
      .click();
}
await page.waitForTimeout(400);
await page.screenshot({ path: out });
await browser.close();
