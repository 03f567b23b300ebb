// Take screenshots of the built app (vite preview must be running): node scripts/screenshot.mjs URL OUT [w h] [steps]
import { chromium } from '@playwright/test';
const [url, out, w = '1280', h = '720', actions = ''] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.INTERLEAVE_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
page.on('console', (m) => {
  if (m.type() === 'error') console.log('console error:', m.text());
});
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
