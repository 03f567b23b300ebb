import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { compileGo, runProgram } from '../../src/engine';
import { SimulatorPage } from '../pages/SimulatorPage';

/** The first seed under which the engine's own run of a scenario gives `first`. */
function seedGiving(file: string, first: string): number {
  const c = compileGo(readFileSync(`src/scenarios/programs/${file}`, 'utf8'));
  if (!c.ok) throw new Error('scenario does not compile');
  for (let seed = 1; seed < 500; seed++)
    if (runProgram(c.program, { seed }).outcome.first === first) return seed;
  throw new Error(`no seed gives ${first}`);
}

test.describe('a clean run', () => {
  test('the Mutex store stores every job and exits 0', async ({ page }) => {
    const sim = new SimulatorPage(page);
    await sim.open('mutex-store');
    await sim.runToEnd();
    await expect(sim.output).toContainText('3 jobs');
    await expect(sim.output).toContainText('exit status 0');
    await expect(sim.goroutine(1)).toHaveAttribute('data-state', 'done');
    await expect(sim.lock('mu')).toHaveAttribute('data-owner', '');
  });
});

test.describe('a deadlock', () => {
  test("forgetting to unlock ends in Go's deadlock message, explained", async ({ page }) => {
    const sim = new SimulatorPage(page);
    await sim.open('forget-unlock');
    await sim.runToEnd();
    await expect(sim.output).toContainText('fatal error: all goroutines are asleep - deadlock!');
    await expect(sim.output).toContainText('[sync.Mutex.Lock]:');
    await expect(sim.output).toContainText('goroutine 1 [semacquire]:');
    await expect(sim.output).toContainText('exit status 2');
    await expect(sim.explanation).toContainText('Deadlock');
    await expect(sim.explanation).toContainText('defer mu.Unlock()');
    const blocked = page.locator('[data-state="blocked"]');
    await expect(blocked.first()).toBeVisible();
  });
});

test.describe('concurrent map writes', () => {
  test('the unsafe store crashes under a seed the engine finds, and the map shows where', async ({
    page,
  }) => {
    const seed = seedGiving('unsafe-store.go', 'fatal error: concurrent map writes');
    const sim = new SimulatorPage(page);
    await sim.open('unsafe-store');
    await sim.setSeed(seed);
    await sim.runToEnd();
    await expect(sim.output).toContainText('fatal error: concurrent map writes');
    await expect(sim.map('jobs')).toHaveAttribute('data-crashed', 'true');
    await expect(sim.explanation).toContainText('not safe for concurrent use');
    await expect(page.locator('[data-state="crashed"]').first()).toBeVisible();
  });
});

test.describe('manual scheduling', () => {
  test('the learner breaks the unsafe store by interleaving two writers, and a serial order runs clean', async ({
    page,
  }) => {
    // each click waits for the token it moves to settle (0.35 s of travel); the schedule is
    // under test here, not the travel, which the reduced-motion tests cover: some 100 clicks
    // took 20-28 s of the 30 s a test may take, and over 30 s on a busy machine
    test.setTimeout(60_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const sim = new SimulatorPage(page);
    await sim.open('unsafe-store');
    await sim.manual.check();
    // main starts every goroutine
    for (let i = 0; i < 60 && !(await sim.goroutine(8).isVisible()); i++)
      await sim.goroutine(1).click();
    // alternate the workers one step at a time: their map writes overlap
    for (let i = 0; i < 40; i++) {
      if ((await sim.output.textContent())?.includes('exit status')) break;
      for (const g of [6, 7]) {
        const t = sim.goroutine(g);
        if ((await t.getAttribute('aria-disabled')) === 'false') await t.click();
      }
    }
    await expect(sim.output).toContainText('fatal error: concurrent map writes');

    // the same program, each worker run to its end before the next: no crash
    await sim.restart.click();
    for (let i = 0; i < 200; i++) {
      if ((await sim.output.textContent())?.includes('exit status')) break;
      const ready = page.locator('[data-goroutine][aria-disabled="false"]');
      const ids = await ready.evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-goroutine')),
      );
      const pick = ['G6', 'G7', 'G8', 'G1'].find((g) => ids.includes(g));
      if (pick) await page.locator(`[data-goroutine="${pick}"]`).click();
      else await sim.step.click();
    }
    await expect(sim.output).toContainText('3 jobs');
    await expect(sim.output).toContainText('exit status 0');
  });
});

test.describe('rewind and replay', () => {
  test('going back to step 10 and playing again gives the same run', async ({ page }) => {
    const sim = new SimulatorPage(page);
    await sim.open('unsafe-store');
    await sim.setSeed(3);
    await sim.runToEnd();
    const first = await sim.output.textContent();
    const steps = await sim.stepNumber();
    await sim.scrubber.fill('10');
    await expect(sim.scrubber).toHaveValue('10');
    await expect(sim.output).not.toContainText('exit status');
    await sim.play.click();
    await expect(sim.output).toContainText('exit status', { timeout: 20_000 });
    expect(await sim.output.textContent()).toBe(first);
    expect(await sim.stepNumber()).toBe(steps);
  });
});

test.describe('reduced motion', () => {
  test('tokens change place without travelling', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const sim = new SimulatorPage(page);
    await sim.open('mutex-store');
    for (let i = 0; i < 6; i++) {
      await sim.step.click();
      const moving = await page
        .locator('[data-goroutine]')
        .evaluateAll(
          (els) =>
            els.filter(
              (e) =>
                (e as HTMLElement).style.transform && (e as HTMLElement).style.transform !== 'none',
            ).length,
        );
      expect(moving).toBe(0);
    }
    await expect(sim.scrubber).toHaveValue('6');
  });
});

test.describe('keyboard only', () => {
  test('Space plays, arrows step and step back, R restarts, and focus is visible', async ({
    page,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('forget-unlock');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(sim.scrubber).toHaveValue('3');
    await page.keyboard.press('ArrowLeft');
    await expect(sim.scrubber).toHaveValue('2');
    await page.keyboard.press('r');
    await expect(sim.scrubber).toHaveValue('0');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press(' ');
    await expect(sim.output).toContainText('deadlock!', { timeout: 20_000 });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
  });

  test('the Play button keeps focus as Pause, and when the run ends focus goes to Restart', async ({
    page,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('unsafe-store');
    await sim.play.focus();
    await page.keyboard.press('Enter');
    await expect(sim.pause).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(sim.play).toBeFocused();
    await sim.speed.selectOption('max');
    await sim.play.focus();
    await page.keyboard.press('Enter');
    await expect(sim.output).toContainText('exit status', { timeout: 20_000 });
    // Play and Step are disabled now: focus is not left on them, nor lost to the page
    await expect(sim.restart).toBeFocused();
  });
});

test.describe('accessibility', () => {
  for (const theme of ['dark', 'light']) {
    test(`axe finds no violations in the ${theme} theme`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('interleave:theme', t), theme);
      const sim = new SimulatorPage(page);
      await sim.open('rwmutex-store');
      for (let i = 0; i < 12; i++) await sim.step.click();
      const result = await new AxeBuilder({ page }).analyze();
      expect(
        result.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
      ).toEqual([]);
    });
  }
});

test.describe('accessibility of the warning marks', () => {
  for (const theme of ['dark', 'light']) {
    test(`a map being written passes axe in the ${theme} theme`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('interleave:theme', t), theme);
      const sim = new SimulatorPage(page);
      await sim.open('unsafe-store');
      const writing = page.locator('[data-map][data-writing="true"]');
      for (let i = 0; i < 60 && (await writing.count()) === 0; i++) await sim.step.click();
      await expect(writing).toHaveCount(1);
      const result = await new AxeBuilder({ page }).analyze();
      expect(
        result.violations.map(
          (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        ),
      ).toEqual([]);
    });
  }
});

test('after a clean exit, the explanation suggests what fits the program', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('mutex-store');
  await sim.runToEnd();
  await expect(sim.explanation).toContainText('“Check every schedule” tries them all');
  await sim.open('starvation');
  await sim.runToEnd();
  await expect(sim.explanation).toContainText('Step back through the run');
  await expect(sim.explanation).not.toContainText('broke it');
});

test('the run exports as JSON that replays it, and the timeline as a titled PNG', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('lock-order');
  await page.getByRole('button', { name: 'Show me the problem' }).click();
  await sim.speed.selectOption('max');
  await expect(sim.output).toContainText('deadlock!', { timeout: 20_000 });
  const save = async (button: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  };
  const json = await save('Export JSON');
  expect(json.name).toBe('interleave-lock-order-seed1.json');
  const run = JSON.parse(json.bytes.toString('utf8')) as {
    format: string;
    schedule: number[];
    outcome: { code: number; first: string };
  };
  expect(run.format).toBe('interleave-run');
  expect(run.outcome).toMatchObject({
    code: 2,
    first: 'fatal error: all goroutines are asleep - deadlock!',
  });
  expect(run.schedule.length).toBeGreaterThan(0);
  const png = await save('Export PNG');
  expect(png.name).toBe('interleave-lock-order-timeline.png');
  // a PNG, drawn at twice the resolution of a 1,200-pixel-wide page: IHDR's width and height
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.bytes.readUInt32BE(16)).toBe(2400);
  expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(2 * (46 + 3 * 16 + 26) - 1);
});

test('sync.Once: the goroutine running f holds the Once’s mutex, and the others queue for it', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  await sim.loadProgram(readFileSync('src/scenarios/programs/lazy-once.go', 'utf8'));
  const once = sim.lock('once.m');
  // step until a second goroutine waits in Do while the first runs f (it sleeps in f)
  const waiting = async () =>
    (await once.count()) > 0 && !!(await once.textContent())?.includes('sync.Mutex.Lock');
  for (let i = 0; i < 80 && !(await waiting()); i++) await sim.step.click();
  await expect(once).toHaveAttribute('data-owner', /G\d/);
  await expect(once).toContainText('sync.Mutex.Lock');
  await sim.runToEnd();
  await expect(sim.output).toContainText('3 jobs');
  await expect(once).toContainText('free');
});

test('64 goroutines: a lock’s queue shows its first 12 and a button for the rest, a line its first 3 marks and a count', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('store-under-load');
  await sim.speed.selectOption('max');
  await sim.play.click();
  const more = sim.lock('mu').getByRole('button', { name: /^\+\d+ more$/ });
  await expect(more).toBeVisible();
  await sim.pause.click();
  // (paused: what is drawn now stays)
  const queue = sim.lock('mu').getByLabel('Wait queue (FIFO)');
  const hidden = Number((await more.textContent())?.match(/\d+/)?.[0]);
  expect(hidden).toBeGreaterThan(0);
  await expect(queue.locator('[data-goroutine]')).toHaveCount(12);
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(queue.locator('[data-goroutine]')).toHaveCount(12 + hidden);
  const fewer = queue.getByRole('button', { name: 'Show fewer' });
  await expect(fewer).toHaveAttribute('aria-expanded', 'true');
  await fewer.click();
  await expect(queue.locator('[data-goroutine]')).toHaveCount(12);
  // the Lock line: three goroutines' marks, and the others counted in one, named in its title
  const lockLine = page.locator('[data-line="23"]');
  const count = lockLine.locator('[data-more]');
  await expect(count).toHaveText(/^\+\d+$/);
  const others = Number((await count.textContent())?.slice(1));
  await expect(lockLine.locator('[data-state]')).toHaveCount(3);
  expect((await count.getAttribute('title'))?.match(/G\d+/g)).toHaveLength(others);
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);
});

test('the timeline of 64 goroutines has its rows drawn wherever it is scrolled', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('store-under-load');
  await sim.runToEnd();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const height = await timeline.evaluate((box) => box.scrollHeight);
  // 65 rows: far more than the panel shows
  expect(height).toBeGreaterThan(65 * 16);
  for (const top of [0, 333, Math.floor(height / 2), height]) {
    const { labels, rows } = await sim.timelineInView(top);
    expect(rows).toBeGreaterThan(4);
    // every row in view has its label (one may be cut at an edge, the margin below the last)
    expect(labels).toBeGreaterThanOrEqual(rows - 2);
  }
});

test('a channel shows its buffer and who waits on it; a receive from a channel nobody closes deadlocks, with the reason', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open();
  await sim.loadProgram(`package main

import "fmt"

func main() {
	jobs := make(chan string, 2)
	done := make(chan bool)
	go func() {
		for j := range jobs {
			fmt.Println("did", j)
		}
		done <- true
	}()
	jobs <- "a"
	jobs <- "b"
	jobs <- "c"
	<-done
}
`);
  const jobs = sim.chan('jobs');
  // (made by main's first steps)
  for (let i = 0; i < 10 && !(await jobs.isVisible()); i++) await sim.step.click();
  await expect(jobs).toContainText('chan string');
  await expect(jobs).toContainText('0 of 2 in the buffer');
  // main's first send lands in the buffer (or goes straight to the worker parked in its range
  // loop): step until the value is in a slot or the worker has it
  const buffer = jobs.getByRole('list', { name: 'buffer, head first' });
  for (let i = 0; i < 30 && !/a/.test((await buffer.textContent()) ?? ''); i++) {
    if (await sim.output.getByText('did a').isVisible()) break;
    await sim.step.click();
  }
  await expect(
    buffer.getByText('"a"', { exact: true }).or(sim.output.getByText('did a')),
  ).toBeVisible();
  await sim.runToEnd();
  await expect(sim.output).toContainText(/did a\s*did b\s*did c/);
  await expect(sim.output).toContainText('fatal error: all goroutines are asleep - deadlock!');
  await expect(sim.output).toContainText('goroutine 1 [chan receive]:');
  // the worker waits in its range loop for a close that never comes; main waits on done
  await expect(jobs.getByLabel('Waiting to receive')).toContainText('G6');
  await expect(sim.chan('done').getByLabel('Waiting to receive')).toContainText('G1');
  await expect(sim.explanation).toContainText('waits to receive from');
});

test('the learner who picks who runs picks the case a select takes when several are ready', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open();
  await sim.loadProgram(readFileSync('src/engine/fixtures/select-either.go', 'utf8'));
  await sim.manual.check();
  // (the row is there before a choice comes, so the page does not jump when it does)
  const row = page.getByRole('group', { name: 'The case a select takes' });
  await expect(row).toHaveText(
    'When a select has several cases ready, you choose the one it takes here.',
  );
  const b = sim.selectCase('receive from b');
  for (let i = 0; i < 20 && !(await b.isVisible()); i++) await sim.step.click();
  await expect(sim.selectCase('receive from a')).toBeVisible();
  await b.click();
  await expect(sim.narration).toContainText(
    "G1's select has two cases ready (receive from a, receive from b) and takes the receive from b: Go takes one of them at random. G1 receives 2 from b.",
  );
  await expect(b).toBeHidden();
  await sim.manual.uncheck();
  await sim.runToEnd();
  // (b held 2, a held 1)
  await expect(sim.output).toContainText(/^Output2\s*\(exit status 0\)/);
});
