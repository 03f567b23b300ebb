import { expect, test, type Page } from '@playwright/test';
import { SimulatorPage } from '../pages/SimulatorPage';

async function scenarioIds(page: Page): Promise<string[]> {
  await page.goto('./?view=catalogue');
  const cards = page.locator('button[data-scenario]');
  await expect(cards.first()).toBeVisible();
  return cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-scenario') ?? ''));
}

test('the catalogue lists the tutorial in groups, each card with its outcome', async ({ page }) => {
  const ids = await scenarioIds(page);
  expect(ids.length).toBeGreaterThanOrEqual(28);
  await expect(
    page.getByRole('heading', { name: 'Mistake 1: forgetting to unlock' }),
  ).toBeVisible();
  await expect(page.locator('button[data-scenario="unsafe-store"]')).toContainText(
    'concurrent map writes',
  );
  await page.locator('button[data-scenario="forget-unlock"]').click();
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Lock without Unlock');
});

test('from the keyboard, opening a card or the fix puts focus on the scenario it opened', async ({
  page,
}) => {
  await page.goto('./?view=catalogue');
  await page.locator('button[data-scenario="forget-unlock"]').focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: 'Scenario' });
  await expect(panel.getByRole('heading', { name: 'Lock without Unlock' })).toBeFocused();
  await panel.getByRole('button', { name: 'See the fix →' }).focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { name: 'defer Unlock on every path' })).toBeFocused();
  // and Tab goes on from there, through the scenario's own actions
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button').first()).toBeFocused();
});

test('every scenario opens, reaches the outcome Go gives, and explains it', async ({ page }) => {
  test.setTimeout(240_000);
  const ids = await scenarioIds(page);
  const sim = new SimulatorPage(page);
  for (const id of ids) {
    await sim.open(id);
    const panel = page.getByRole('region', { name: 'Scenario' });
    const exit = Number(await panel.getAttribute('data-expected-exit'));
    const first = (await panel.getAttribute('data-expected-first')) ?? '';
    const stdout = (await panel.getAttribute('data-expected-stdout')) ?? '';
    const kind = await panel.getAttribute('data-kind');
    if (kind === 'fixed') {
      if (exit === 66) await page.getByLabel('Race detector (-race)').check();
      await sim.runToEnd();
    } else {
      await page.getByRole('button', { name: /^Show me/ }).click();
      // (a demo too large to search, whose every schedule ends alike, shows a seeded run)
      await expect(panel).toContainText(
        id === 'store-under-load'
          ? 'Every schedule ends this way, so there is nothing to search for: this is the run with seed 1.'
          : 'The explorer found it',
        { timeout: 30_000 },
      );
      await sim.speed.selectOption('max');
      if (await sim.play.isEnabled()) await sim.play.click();
      await expect(sim.output).toContainText('exit status', { timeout: 30_000 });
    }
    await expect(sim.output, id).toContainText(`exit status ${exit}`);
    if (first) await expect(sim.output, id).toContainText(first);
    if (stdout) await expect(sim.output, id).toContainText(stdout.trim());
    await expect(sim.explanation, id).not.toBeEmpty();
    // a broken program that ends cleanly (a lost update, a slow run) has still shown its problem
    if (kind === 'broken' && exit === 0)
      await expect(sim.explanation, id).toContainText('It finished cleanly — and');
    // the search marks the card of the lost update among the clean exits
    if (id === 'lost-update' || id === 'atomic-half') {
      await page.getByRole('button', { name: 'Explore all schedules' }).click();
      await expect(
        page.getByLabel('Outcomes found').locator('li', { hasText: 'the lost update' }),
      ).toContainText(stdout.trim().split('\n').at(-1) ?? '', { timeout: 30_000 });
    }
    // a counter that lost a hit shows it in the shared variables
    if (id === 'atomic-half')
      await expect(page.locator('[data-var="hits"]')).toHaveAttribute('data-value', '1');
    if (id === 'atomic-all')
      await expect(page.locator('[data-var="hits"]')).toHaveAttribute('data-value', '2');
  }
});

test('the comparison shows a bare map, a Mutex and an RWMutex side by side, with figures', async ({
  page,
}) => {
  await page.goto('./?view=compare');
  for (const name of ['Bare map', 'sync.Mutex', 'sync.RWMutex'])
    await expect(page.getByRole('article', { name })).toBeVisible();
  const throughput = async (name: string) =>
    Number(
      (
        await page
          .getByRole('article', { name })
          .locator('[data-figure="throughput"]')
          .textContent()
      )?.match(/[\d.]+/)?.[0],
    );
  await page.getByRole('button', { name: '90/10 read-heavy' }).click();
  expect(await throughput('sync.RWMutex')).toBeGreaterThan(await throughput('sync.Mutex'));
  await page.getByRole('button', { name: '10/90 write-heavy' }).click();
  expect(await throughput('sync.RWMutex')).toBe(await throughput('sync.Mutex'));
  await expect(page.getByRole('article', { name: 'Bare map' })).toContainText('Crashed');
  await page.getByLabel('Readers').fill('0');
  await page.getByLabel('Writers').fill('0');
  await expect(page.getByRole('status')).toContainText('nothing to measure');
  await expect(page.getByRole('article')).toHaveCount(0);
});
