import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../../src/embed/share';
import { SimulatorPage } from '../pages/SimulatorPage';

const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

test.describe('share links', () => {
  test('a shared link opens the same program, seed and schedule at the same step, and ends the same way', async ({
    page,
    context,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('unsafe-store');
    await sim.setSeed(3);
    await sim.manual.check();
    // make a few manual choices, so the schedule (not only the seed) matters
    for (let i = 0; i < 14; i++) {
      const ready = page.locator('[data-goroutine][aria-disabled="false"]');
      const ids = await ready.evaluateAll((els) =>
        els.map((e) => e.getAttribute('data-goroutine')),
      );
      const pick = ids.includes('G7') ? 'G7' : ids.includes('G6') ? 'G6' : null;
      if (pick) await page.locator(`[data-goroutine="${pick}"]`).click();
      else await sim.step.click();
    }
    const at = await sim.stepNumber();
    const narration = await sim.narration.textContent();
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Link').inputValue();
    expect(link).toContain('#share=v1.');
    await page.getByRole('button', { name: 'Close' }).click();
    await sim.manual.uncheck();
    await sim.runToEnd();
    const ending = await sim.output.textContent();

    const other = await context.newPage();
    const sim2 = new SimulatorPage(other);
    await other.goto(link);
    await expect(sim2.scrubber).toHaveValue(String(at));
    await expect(sim2.narration).toHaveText(narration ?? '');
    await sim2.runToEnd();
    expect(await sim2.output.textContent()).toBe(ending);
  });

  test('a shared program, shared again, still opens: its source goes in the new link', async ({
    page,
    context,
  }) => {
    const program =
      'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("passed on")\n}\n';
    await page.goto(
      `./#share=${await encodeShare({ v: 1, program, seed: 4, schedule: [], step: 0 })}`,
    );
    const sim = new SimulatorPage(page);
    await sim.runToEnd();
    await page.getByRole('button', { name: 'Share' }).click();
    const link = await page.getByLabel('Link').inputValue();
    const other = await context.newPage();
    await other.goto(link);
    await expect(other.getByRole('alert')).toHaveCount(0);
    await expect(other.getByText('"passed on"')).toBeVisible();
    await expect(new SimulatorPage(other).output).toContainText('passed on');
  });

  for (const [what, hash, reason] of [
    ['malformed', 'v1.%%%not-base64', /damaged|not an Interleave link/],
    [
      'truncated',
      'v1.q1ZKzs8rSc0rUbKKNrTQMTEyMDIwNNAxMDE0jgUA',
      /damaged|cut short|not valid|no program/,
    ],
    ['future-version', 'v7.AAAA', /newer version/],
    ['oversized', `v1.${'A'.repeat(33 * 1024)}`, /too long/],
  ] as const) {
    test(`a ${what} link opens the default program with a notice, and loses nothing stored`, async ({
      page,
    }) => {
      await page.addInitScript(() =>
        localStorage.setItem('interleave:edit:scratch', 'package main\n\nfunc main() {}\n'),
      );
      await page.goto(`./#share=${hash}`);
      const notice = page.getByRole('alert').filter({ hasText: 'share link could not be opened' });
      await expect(notice).toBeVisible();
      await expect(notice).toContainText(reason);
      await expect(page.locator('[data-goroutine="G1"]')).toBeVisible();
      expect(await page.evaluate(() => localStorage.getItem('interleave:edit:scratch'))).toBe(
        'package main\n\nfunc main() {}\n',
      );
    });
  }
});

test.describe('links to a program the catalogue does not have', () => {
  test('an address naming no scenario opens the default one and says so', async ({ page }) => {
    await page.goto('./?scenario=no-such-program');
    await expect(page.getByRole('alert')).toContainText(
      'The catalogue has no program “no-such-program”',
    );
    await expect(page.locator('[data-goroutine="G1"]')).toBeVisible();
  });

  test('a share link naming no scenario is not replayed on another program', async ({ page }) => {
    const link = await encodeShare({
      v: 1,
      scenario: 'renamed-later',
      seed: 1,
      schedule: [6, 7, 6],
      step: 12,
    });
    await page.goto(`./#share=${link}`);
    await expect(page.getByRole('alert')).toContainText(
      'names a program this version does not have (renamed-later)',
    );
    // the default program, at its start: not the shared moment's step 12
    await expect(new SimulatorPage(page).scrubber).toHaveValue('0');
  });

  test('an embed naming no scenario says which it shows instead', async ({ page }) => {
    await page.goto('./?embed=1&scenario=no-such-program');
    await expect(page.getByRole('status').filter({ hasText: 'No program' })).toContainText(
      'No program “no-such-program” in the catalogue',
    );
    await expect(page.locator('[data-goroutine="G1"]')).toBeVisible();
  });
});

test.describe('an embed in a tutorial’s column', () => {
  test('at 900×600 the crash shows its line, the map being written and the output at once', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 900, height: 600 });
    // seed 7 crashes at step 31, at line 19 (well below the program's first screen)
    await page.goto('./?embed=1&scenario=unsafe-store&seed=7&start=31');
    const active = page.locator('[data-active="true"]');
    await expect(active).toHaveAttribute('data-line', '19');
    await expect(active).toBeInViewport();
    await expect(page.getByLabel('map jobs', { exact: false })).toBeInViewport();
    await expect(
      page.getByRole('alert').filter({ hasText: 'concurrent map writes' }),
    ).toBeInViewport();
    await expect(page.getByRole('region', { name: /Runtime output/ })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Restart' })).toBeInViewport();
  });

  test('“Open in Interleave” opens the app at the same moment of the same run', async ({
    page,
    context,
  }) => {
    await page.goto('./?embed=1&scenario=unsafe-store&seed=7&start=31');
    const open = page.getByRole('link', { name: 'Open in Interleave' });
    await expect(open).toHaveAttribute('href', /#share=v1\./);
    const href = (await open.getAttribute('href')) ?? '';
    expect(href).not.toContain('embed=1');
    const app = await context.newPage();
    await app.goto(href);
    const sim = new SimulatorPage(app);
    await expect(sim.scrubber).toHaveValue('31');
    await expect(sim.output).toContainText('fatal error: concurrent map writes');
    await expect(
      app.getByRole('heading', { name: 'Unsafe store: two writes at once' }),
    ).toBeVisible();
  });

  test('on a phone it is one column that scrolls, with the controls kept at hand', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 700 });
    await page.goto('./?embed=1&scenario=unsafe-store&seed=7&start=31');
    await expect(page.getByRole('button', { name: 'Restart' })).toBeInViewport();
    await page.getByLabel('map jobs', { exact: false }).scrollIntoViewIfNeeded();
    await expect(page.getByLabel('map jobs', { exact: false })).toBeInViewport();
    await expect(page.getByRole('button', { name: 'Restart' })).toBeInViewport();
    // a host that sizes the frame to the height it reports gets a frame that stays that size
    // (nothing in the column is sized by the frame, so it does not grow at every resize)
    const tall = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(tall).toBeGreaterThan(700);
    await page.setViewportSize({ width: 390, height: tall });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight)).toBe(tall);
  });
});

test.describe('the editor', () => {
  test('shows an error at line and column while typing, runs the fixed program, and keeps the edit', async ({
    page,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('scratch');
    await page.getByRole('button', { name: 'Edit code' }).click();
    const editor = page.getByLabel('Go source (editable)');
    await expect(editor).toBeVisible();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nfunc broken() { x := 1 }\n');
    await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible({ timeout: 10_000 });
    await expect(sim.output).toContainText('declared and not used: x');
    await expect(sim.output).toContainText(/main\.go:\d+:\d+:/);
    for (let i = 0; i < 12; i++) await page.keyboard.press('Control+z');
    await expect(sim.output).not.toContainText('declared and not used', { timeout: 10_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// my note\n');
    await sim.runToEnd();
    await expect(sim.output).toContainText('3 hits');
    await page.reload();
    await expect(page.getByText('(edited)')).toBeVisible();
    await page.getByRole('button', { name: 'Reset to original' }).click();
    await expect(page.getByText('(edited)')).toBeHidden();
  });
});

test.describe('presentation mode', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });
  test('body text is at least 28 px at 1920×1080, with thick focus rings', async ({ page }) => {
    const sim = new SimulatorPage(page);
    await sim.open('forget-unlock');
    await page.getByRole('button', { name: 'Present' }).click();
    for (let i = 0; i < 8; i++) await page.keyboard.press('PageDown');
    await expect(sim.scrubber).toHaveValue('8');
    await page.keyboard.press('PageUp');
    await expect(sim.scrubber).toHaveValue('7');
    const sizes = await page.evaluate(() => {
      const px = (sel: string) =>
        parseFloat(getComputedStyle(document.querySelector(sel) as Element).fontSize);
      return {
        code: px('[data-line="14"] code'),
        narration: px('[data-testid="narration"]'),
        notice: px('[aria-label="Scenario"] p'),
        console: px('[aria-label="Runtime output"] pre'),
        token: px('[data-goroutine]'),
        button: px('[aria-label="Playback"] button'),
      };
    });
    for (const [what, size] of Object.entries(sizes)) expect(size, what).toBeGreaterThanOrEqual(28);
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.activeElement as Element).outlineWidth),
    );
    expect(ring).toBeGreaterThanOrEqual(6);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the shared variables fit their card', async ({ page }) => {
    const sim = new SimulatorPage(page);
    await sim.open('atomic-half');
    await page.getByRole('button', { name: 'Present' }).click();
    await sim.runToEnd();
    const card = page.getByRole('region', { name: 'Shared variables' });
    await expect(card.locator('[data-var="hits"]')).toBeVisible();
    // the card stays inside the middle column, and nothing in it spills out of the card
    const stage = page.getByRole('region', { name: 'Goroutines, locks and maps' });
    const [cardBox, stageBox] = await Promise.all([card.boundingBox(), stage.boundingBox()]);
    expect(cardBox && stageBox).toBeTruthy();
    if (!cardBox || !stageBox) return;
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(stageBox.x + stageBox.width + 1);
    expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  });

  test('a lock with readers and a writer leaves room for the map: no card is cut off', async ({
    page,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('rwmutex-read-twice');
    await page.getByRole('button', { name: 'Present' }).click();
    await page.getByRole('button', { name: 'Show me the problem' }).click();
    await sim.speed.selectOption('max');
    await expect(sim.output).toContainText('deadlock!', { timeout: 20_000 });
    const stage = page.getByRole('region', { name: 'Goroutines, locks and maps' });
    const stageBox = await stage.boundingBox();
    expect(stageBox).toBeTruthy();
    if (!stageBox) return;
    for (const card of [sim.lock('mu'), sim.map('jobs')]) {
      const box = await card.boundingBox();
      expect(box).toBeTruthy();
      if (!box) return;
      expect(box.x + box.width).toBeLessThanOrEqual(stageBox.x + stageBox.width + 1);
    }
  });
});

test.describe('presentation mode on a 1280×720 projector', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test('the page is scaled to the screen: it fits, and text takes the same share of it', async ({
    page,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('forget-unlock');
    await page.getByRole('button', { name: 'Present' }).click();
    const root = await page.evaluate(() =>
      parseFloat(getComputedStyle(document.documentElement).fontSize),
    );
    // 35 px at 1080 pixels high
    expect(root).toBeCloseTo((35 * 720) / 1080, 0);
    await expect(sim.play).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    // the comparison's figures stay inside their cards
    await page.getByRole('button', { name: 'Mutex vs RWMutex' }).click();
    await expect(page.getByRole('article', { name: 'sync.RWMutex' })).toContainText('steps');
    const spill = await page.evaluate(
      () =>
        [...document.querySelectorAll('article h2, article dd')].filter((el) => {
          const card = (el.closest('article') as Element).getBoundingClientRect();
          // where the text itself is drawn (it can run out of its box)
          const text = document.createRange();
          text.selectNodeContents(el);
          return text.getBoundingClientRect().right > card.right;
        }).length,
    );
    expect(spill).toBe(0);
  });

  test("a search's verdict and first card come into view when it ends, with focus back on its button", async ({
    page,
  }) => {
    const sim = new SimulatorPage(page);
    await sim.open('lock-order');
    await page.getByRole('button', { name: 'Present' }).click();
    const explore = page.getByRole('button', { name: 'Explore all schedules' });
    await explore.click();
    const results = page.getByLabel('Outcomes found');
    const first = results.locator('li').first();
    await expect(first).toBeVisible({ timeout: 30_000 });
    // (focus went to Cancel while it ran, and is back on the button, which did not scroll the
    // results away: the side column is shorter than the scenario, its buttons and the results)
    await expect(explore).toBeFocused();
    await expect(results.locator('p').first()).toBeInViewport({ ratio: 1 });
    await expect(first).toBeInViewport({ ratio: 1 });
  });
});

test.describe('side by side', () => {
  test('the broken store and its fix step under one set of controls', async ({ page }) => {
    // both programs play at the pair's one speed until they end, then axe reads two
    // simulators: 19-28 s here, against the 30 s a test may take by default
    test.slow();
    await page.goto('./?view=pair&scenario=forget-unlock');
    const broken = page.locator('[data-half="broken"]');
    const fixed = page.locator('[data-half="fixed"]');
    await expect(broken).toBeVisible();
    await expect(fixed).toBeVisible();
    const bar = page.getByRole('toolbar', { name: 'Both programs' });
    for (let i = 0; i < 3; i++)
      await bar.getByRole('button', { name: 'Step', exact: true }).click();
    await bar.getByRole('button', { name: 'Play' }).click();
    await expect(broken.getByRole('region', { name: 'Runtime output' })).toContainText(
      'deadlock!',
      { timeout: 30_000 },
    );
    await expect(fixed.getByRole('region', { name: 'Runtime output' })).toContainText(
      'exit status 0',
      { timeout: 30_000 },
    );
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('side by side, each code panel keeps the line being run in view', async ({ page }) => {
  await page.goto('./?view=pair&scenario=cond-if');
  const bar = page.getByRole('toolbar', { name: 'Both programs' });
  const broken = page.locator('[data-half="broken"]');
  // main's loop is at line 46 and on, below the first screen of the program
  for (let i = 0; i < 40; i++) {
    await bar.getByRole('button', { name: 'Step', exact: true }).click();
    if ((await broken.locator('[data-active="true"]').getAttribute('data-line')) === '47') break;
  }
  for (const half of ['broken', 'fixed']) {
    const active = page.locator(`[data-half="${half}"] [data-active="true"]`);
    await expect(active).toHaveAttribute('data-line', '47');
    await expect(active).toBeInViewport();
  }
});

test.describe('every mode passes axe', () => {
  for (const url of ['./?view=catalogue', './?view=compare', './?embed=1&scenario=rwmutex-store']) {
    test(url, async ({ page }) => {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main, [role="toolbar"], body').first()).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});

test('code pasted from the tutorial, with its domain package, gets advice on what to change', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  await sim.editProgram(
    'package main\n\nimport (\n\t"sync"\n\n\t"github.com/acme/jobs/internal/domain"\n)\n\ntype InMemoryJobStore struct {\n\tjobs map[string]domain.Job\n\tmu   sync.RWMutex\n}\n\nfunc main() {}\n',
  );
  await expect(sim.explanation).toContainText('is not in std');
  await expect(sim.explanation).toContainText('write Job where the tutorial writes domain.Job');
});

test('a program that does not compile is marked at its line, and nothing pretends to run', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('scratch');
  await sim.loadProgram(
    'package main\n\nimport (\n\t"fmt"\n\t"sync"\n)\n\nvar mu sync.Mutex\n\nfunc main() {\n\tmu.lock()\n\tfmt.Println("hi")\n}\n',
  );
  const line = page.locator('[data-line="11"]');
  await expect(line).toHaveAttribute('data-crash', 'true');
  await expect(line.getByRole('note')).toHaveText(
    '✕ 11:5: mu.lock undefined (type sync.Mutex has no field or method lock, but does have method Lock)',
  );
  await expect(page.locator('[data-line="12"]').getByRole('note')).toHaveCount(0);
  await expect(sim.narration).toHaveText(
    'The program does not compile: line 11, column 5, marked in the code. Nothing can run until it is fixed.',
  );
  await expect(sim.play).toBeDisabled();
  // the explanation says so too, not "What to watch: press Play"
  await expect(sim.explanation).toContainText('It does not compile');
  await expect(sim.explanation).toContainText('Line 11, column 5: mu.lock undefined');
  // the explorer says why it cannot search, rather than nothing
  await page.getByRole('button', { name: 'Explore all schedules' }).click();
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText(
    'The explorer could not run this program: mu.lock undefined',
  );
});

test('a shared program that is not in the catalogue makes no claim about what Go gives', async ({
  page,
}) => {
  const sim = new SimulatorPage(page);
  await sim.open('unsafe-store');
  await sim.loadProgram('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByLabel('Link').inputValue();
  await page.goto('about:blank');
  await page.goto(link);
  const panel = page.getByRole('region', { name: 'Scenario' });
  await expect(panel).toContainText('A shared program');
  await expect(panel).toContainText('Interleave does not know what it should do');
  await expect(panel).not.toContainText('Go gives');
  await expect(panel.getByRole('button', { name: 'Show me it' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Explore all schedules' })).toBeVisible();
});
