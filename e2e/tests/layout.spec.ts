import { expect, test, type Locator, type Page } from '@playwright/test';
import { SimulatorPage } from '../pages/SimulatorPage';

/** How far the page runs past the right edge of the window (0 when nothing does). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const VIEWS = [
  './?scenario=unsafe-store',
  './?view=pair&scenario=forget-unlock',
  './?view=catalogue',
  './?view=compare',
];

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no view runs off the side of the screen', async ({ page }) => {
    for (const url of VIEWS) {
      await page.goto(url);
      await expect(page.getByRole('heading', { name: 'Interleave' })).toBeVisible();
      expect(await sideways(page), url).toBe(0);
    }
  });

  test('the goroutines come first, the controls right under them, and a run plays', async ({
    page,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('unsafe-store');
    const lanes = page.getByRole('region', { name: 'Goroutines, locks and maps' });
    const code = page.getByRole('region', { name: "Program source, with each goroutine's line" });
    const [lanesBox, playBox, codeBox] = await Promise.all(
      [lanes, sim.play, code].map((l) => l.boundingBox()),
    );
    // one column: goroutines, then the controls, then (further down) the code
    expect(lanesBox && playBox && codeBox).toBeTruthy();
    if (!lanesBox || !playBox || !codeBox) return;
    expect(playBox.y).toBeGreaterThan(lanesBox.y + lanesBox.height - 1);
    expect(codeBox.y).toBeGreaterThan(playBox.y);
    await sim.play.scrollIntoViewIfNeeded();
    await expect(sim.play).toBeInViewport();
    await sim.runToEnd();
  });
});

/** Whether the code panel shows the line being run whole (null when no line is being run). */
const lineWholeInView = (code: Locator) =>
  code.evaluate((panel) => {
    const line =
      panel.querySelector('[aria-current]') ?? panel.querySelector('[data-active="true"]');
    if (!line) return null;
    const a = line.getBoundingClientRect();
    const v = panel.getBoundingClientRect();
    return a.top >= v.top - 1 && a.bottom <= v.bottom + 1;
  });

test('stepping keeps the page where the reader is; only the code panel follows the line', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const sim = new SimulatorPage(page);
  await sim.open('lock-order');
  const code = page.getByRole('region', { name: "Program source, with each goroutine's line" });
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await expect(sim.scrubber).toHaveValue('20');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // the line being run is in the code panel's view
  expect(await lineWholeInView(code)).toBe(true);
});

test('at 1280×800 the program keeps its size as a run goes on, and the line being run stays whole in view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const sim = new SimulatorPage(page);
  await sim.open('rwmutex-store');
  const code = page.getByRole('region', { name: "Program source, with each goroutine's line" });
  const heights = new Set<number>();
  for (let i = 1; i <= 30; i++) {
    await page.keyboard.press('ArrowRight');
    await expect(sim.scrubber).toHaveValue(String(i));
    // (the timeline and the figures below it gain a row per goroutine: they scroll, the page
    // does not move)
    heights.add(Math.round((await code.boundingBox())?.height ?? 0));
  }
  expect([...heights]).toHaveLength(1);
  expect(await lineWholeInView(code)).toBe(true);
});

test.describe('on a 1024×768 screen', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the simulator keeps its three columns without scrolling sideways', async ({ page }) => {
    const sim = new SimulatorPage(page);
    await sim.open('unsafe-store');
    expect(await sideways(page)).toBe(0);
    await expect(sim.play).toBeInViewport();
    await expect(page.getByRole('region', { name: 'Scenario' })).toBeInViewport();
  });
});
