import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SimulatorPage } from '../pages/SimulatorPage';

test('exploring lists every outcome as a card; Replay animates the crash', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('unsafe-store');
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  const cards = page.getByLabel('Outcomes found').locator('li');
  await expect(cards.filter({ hasText: 'fatal error: concurrent map writes' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(cards.filter({ hasText: 'exits normally' })).toBeVisible();
  await expect(page.getByLabel('Outcomes found')).toContainText('Every schedule was covered');
  await cards
    .filter({ hasText: 'concurrent map writes' })
    .getByRole('button', { name: 'Replay' })
    .click();
  await sim.speed.selectOption('max');
  await expect(sim.output).toContainText('fatal error: concurrent map writes', { timeout: 20_000 });
});

test('the explorer gets ready when a search button is pointed at, and one worker does both', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('mutex-store');
  const workers: unknown[] = [];
  page.on('worker', (w) => workers.push(w));
  const check = page.getByRole('button', { name: 'Check every schedule' });
  // pointing at it starts the worker (with a small search of the program, dropped)
  const started = page.waitForEvent('worker', { timeout: 5_000 });
  await check.hover();
  await started;
  await check.click();
  await expect(page.getByLabel('Outcomes found')).toContainText('no schedule fails', {
    timeout: 30_000,
  });
  // the search ran in the worker the pointer started, and its answer is the whole search's
  expect(workers).toHaveLength(1);
  await expect(page.getByLabel('Outcomes found')).toContainText('Every schedule was covered');
});

test('a fixed program is checked: no schedule fails', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('mutex-store');
  await page.getByRole('button', { name: 'Check every schedule' }).click();
  await expect(page.getByLabel('Outcomes found')).toContainText('no schedule fails', {
    timeout: 30_000,
  });
  // what a screen reader announces when the search ends
  await expect(page.getByTestId('search-status')).toHaveText(
    'Search finished: no schedule fails (every schedule covered).',
  );
});

test('a demo whose output depends on the schedule is not called a race, until it is edited', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('starvation');
  const results = page.getByLabel('Outcomes found');
  await page.getByRole('button', { name: /Explore all schedules|Check every schedule/ }).click();
  await expect(results).toContainText('no schedule fails (what it prints depends on the schedule', {
    timeout: 30_000,
  });
  await expect(results).not.toContainText('the program has a race');
  // edited, the catalogue no longer vouches for it: different results are a warning again
  await sim.editProgram(
    readFileSync('src/scenarios/programs/starvation.go', 'utf8') + '\n// mine\n',
  );
  await page.getByRole('button', { name: /Explore all schedules|Check every schedule/ }).click();
  await expect(results).toContainText('the schedule decides what it prints', { timeout: 30_000 });
});

test('after an edit, "Show me the problem" searches the edited program, not the original', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('unsafe-store');
  const status = page.getByTestId('search-status');
  // fixed by the learner: the mutex store's program in the unsafe store's scenario
  await sim.editProgram(readFileSync('src/scenarios/programs/mutex-store.go', 'utf8'));
  await expect(page.getByTestId('edited-note')).toBeVisible();
  await page.getByRole('button', { name: 'Show me the problem' }).click();
  await expect(status).toContainText('did not reach it in your edited program', {
    timeout: 30_000,
  });
  // nothing was replayed: the run has not moved
  await expect(sim.output).not.toContainText('concurrent map writes');

  await page.getByRole('button', { name: 'Reset to original' }).click();
  await expect(page.getByTestId('edited-note')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show me the problem' }).click();
  await expect(status).toContainText('The explorer found it', { timeout: 30_000 });
  await sim.speed.selectOption('max');
  await expect(sim.output).toContainText('fatal error: concurrent map writes', { timeout: 20_000 });
});

test('a program that never ends is not told "no schedule fails"', async ({ page }) => {
  // (two searches of 400,000 and 2,000,000 states: over half a minute on a slow hour here)
  test.setTimeout(180_000);
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  await sim.editProgram(
    'package main\n\nvar n int\n\nfunc main() {\n\tgo func() {\n\t\tfor {\n\t\t\tn++\n\t\t}\n\t}()\n\tfor {\n\t\tn--\n\t}\n}\n',
  );
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  const results = page.getByLabel('Outcomes found');
  await expect(results).toContainText('no run ended within the bounds', { timeout: 60_000 });
  await expect(results).not.toContainText('no schedule fails');
  await expect(page.getByTestId('search-status')).toContainText(
    'Search finished: no run ended within the bounds',
  );
  // cut short by the state limit: the search can go further, with five times the states
  await expect(results).toContainText('Checked 400,000 states');
  await page.getByRole('button', { name: 'Search further (up to 1,000,000 states)' }).click();
  await expect(results).toContainText('Checked 2,000,000 states', { timeout: 90_000 });
  await expect(
    page.getByRole('button', { name: 'Search further (up to 5,000,000 states)' }),
  ).toBeVisible();
});

test('a long search shows progress, keeps the page responsive, and cancels at once', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('store-under-load');
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  // announced once to a screen reader; the numbers are on the page, not read out each time
  const status = page.getByRole('status').filter({ hasText: 'Exploring schedules' });
  await expect(status).toContainText(/\d[\d,]* states/, { timeout: 10_000 });
  await expect(status.getByTestId('search-progress')).toHaveAttribute('aria-hidden', 'true');
  // the page still answers while the worker searches
  await sim.step.click();
  await expect(sim.scrubber).toHaveValue('1');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Search cancelled.' })).toBeVisible();
  // nothing is searching any more (how fast it stops is a figure of `npm run bench`)
  await expect(status).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Explore all schedules' })).toBeEnabled();
});

test('from the keyboard, a search or a challenge hands focus to Cancel or Stop and back, never to the page', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('store-under-load');
  const explore = page.getByRole('button', { name: 'Explore all schedules' });
  await explore.focus();
  await page.keyboard.press('Enter');
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Search cancelled.' })).toBeVisible();
  await expect(explore).toBeFocused();
  // a search that ends by itself gives focus back too
  await sim.open('unsafe-store');
  await explore.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Outcomes found')).toBeVisible({ timeout: 30_000 });
  await expect(explore).toBeFocused();
  // and so does the challenge: to its Stop button, and back
  const challenge = page.getByRole('button', { name: 'Try to break it' });
  await challenge.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Stop the challenge' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(challenge).toBeFocused();
});

test('goroutines left deadlocked when main returns are an outcome of their own', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  // two goroutines that lock in opposite orders while main sleeps, then prints and returns
  await sim.editProgram(readFileSync('src/engine/fixtures/partial-deadlock-at-exit.go', 'utf8'));
  // straight from the editor to Explore: the search runs on the program as just typed
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  const outcomes = page.getByLabel('Outcomes found');
  const cards = outcomes.locator('li');
  const stuck = cards.filter({ hasText: 'exits, leaving goroutines stuck' });
  await expect(stuck).toBeVisible({ timeout: 30_000 });
  await expect(stuck).toContainText(
    'main returned while G6 and G7 could never continue: G6 waits for b',
  );
  await expect(cards.filter({ hasText: 'exits normally' })).toBeVisible();
  await expect(outcomes).toContainText('1 way to fail');
  await stuck.getByRole('button', { name: 'Replay' }).click();
  await sim.speed.selectOption('max');
  await expect(sim.output).toContainText('done', { timeout: 20_000 });
});

test('a search cut short by the state limit claims no proof, and can go further', async ({
  page,
}) => {
  // (two searches of 200,000 states each, on a 4-goroutine job store: slow hours here reach
  // the default 30 s)
  test.setTimeout(120_000);
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  await sim.editProgram(readFileSync('e2e/fixtures/job-store-4.go', 'utf8'));
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  const results = page.getByLabel('Outcomes found');
  await expect(results).toContainText('Checked 400,000 states: none of them fails', {
    timeout: 60_000,
  });
  await expect(results).not.toContainText('no schedule fails');
  await expect(page.getByTestId('search-status')).toContainText(
    'Search finished: no failure in the states checked (not complete).',
  );
  await expect(
    page.getByRole('button', { name: 'Search further (up to 1,000,000 states)' }),
  ).toBeVisible();
});

test('when the shortest-schedule search runs out of states, the proof search goes on and finds the deadlock', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  // five goroutines in a lock ring: beyond the breadth-first search's 200,000 states
  await sim.editProgram(
    readFileSync('bench/models/lock-ring.go', 'utf8').replace('const N = 6', 'const N = 5'),
  );
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  const cards = page.getByLabel('Outcomes found').locator('li');
  const deadlock = cards.filter({ hasText: 'fatal error: all goroutines are asleep - deadlock!' });
  await expect(deadlock).toBeVisible({ timeout: 30_000 });
  // the card names the ring: each of the five waits for a lock the next one holds
  await expect(deadlock).toContainText(
    /^[^;]*G\d+ waits for \S+ at line \d+, held by G\d+(?:[^;]*; G\d+ waits for \S+ at line \d+, held by G\d+){4}[^;]*$/,
  );
  await expect(page.getByLabel('Outcomes found')).toContainText(
    /every schedule of up to \d+ moves was covered, longer ones were not; the proof search that followed did not finish either/,
  );
  await deadlock.getByRole('button', { name: 'Replay' }).click();
  await sim.speed.selectOption('max');
  await expect(sim.output).toContainText('all goroutines are asleep - deadlock!', {
    timeout: 20_000,
  });
});

test('searching again replaces the results (and reuses the warm worker)', async ({ page }) => {
  const sim = new SimulatorPage(page);
  let workers = 0;
  page.on('worker', () => workers++);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await sim.open('unsafe-store');
  const results = page.getByLabel('Outcomes found');
  for (const button of ['Explore all schedules', 'Show me the problem', 'Explore all schedules']) {
    await page.getByRole('button', { name: button }).click();
    await expect(results.or(page.getByText(/The explorer found it/))).toBeVisible({
      timeout: 30_000,
    });
  }
  await expect(results).toContainText('1 way to fail');
  // the simulator still draws (a crash replaces it with an error notice)
  await expect(sim.scrubber).toBeVisible();
  expect(errors).toEqual([]);
  expect(workers).toBe(1);
});

test('sync/atomic: a plain ++ beside atomic adds loses updates and is a race; all-atomic holds under every schedule', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  const program = (second: string) =>
    readFileSync('src/scenarios/programs/atomic-half.go', 'utf8').replace(
      'hits++ // ❌ read, then write',
      second,
    );
  const results = page.getByLabel('Outcomes found');
  await sim.editProgram(program('hits++'));
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  await expect(results).toContainText('hits: 1', { timeout: 30_000 });
  await expect(results).toContainText('hits: 2');
  // no crash, yet not a clean bill of health: the result depends on the schedule
  await expect(results).toContainText('the schedule decides what it prints (2 different results');

  await sim.editProgram(program('atomic.AddInt64(&hits, 1)'));
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  await expect(results).toContainText('hits: 2', { timeout: 30_000 });
  await expect(results).not.toContainText('hits: 1');
  await expect(results.locator('li')).toHaveCount(1);
  await expect(results).toContainText('no schedule fails');

  // under -race, the plain ++ is reported, and the explanation says why atomics did not help
  await sim.editProgram(program('hits++'));
  await page.getByLabel('Race detector (-race)').check();
  await sim.runToEnd();
  await expect(sim.output).toContainText('WARNING: DATA RACE');
  await expect(sim.explanation).toContainText('(atomically)');
  await expect(sim.explanation).toContainText('An atomic operation is safe only against other');
  // and a search under -race finds it under every schedule, each card naming the two accesses
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  await expect(results.locator('li')).toHaveCount(2, { timeout: 30_000 });
  for (const card of await results.locator('li').all())
    await expect(card).toContainText(
      /Data race: G\d+ (?:read|wrote \(atomically\)) at line \d+, then G\d+ (?:read|wrote \(atomically\)) at line \d+ \(hits\)\./,
    );
});

test('a select that may take either ready case: both outcomes found, and Replay makes the same choice', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  // (a worker that takes quit while a job still waits never does the job)
  await sim.loadProgram(readFileSync('src/engine/fixtures/select-quit-first.go', 'utf8'));
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  const results = page.getByLabel('Outcomes found');
  const cards = results.locator('li');
  await expect(cards).toHaveCount(2, { timeout: 30_000 });
  await expect(results).toContainText('Every schedule was covered');
  await expect(cards.filter({ hasText: 'prints “job 1' })).toHaveCount(1);
  const lost = cards.filter({ hasNotText: 'job 1' });
  await lost.getByRole('button', { name: 'Replay' }).click();
  await sim.speed.selectOption('max');
  await expect(sim.output).toContainText('exit status 0', { timeout: 20_000 });
  await expect(sim.output).not.toContainText('job 1');
});
