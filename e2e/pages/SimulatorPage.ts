import { expect, type Locator, type Page } from '@playwright/test';

/** The simulator page, as a user sees it: by roles, names and the data-* hooks. */
export class SimulatorPage {
  readonly output: Locator;
  readonly explanation: Locator;
  readonly play: Locator;
  readonly pause: Locator;
  readonly step: Locator;
  readonly stepStatement: Locator;
  readonly stepBack: Locator;
  readonly restart: Locator;
  readonly speed: Locator;
  readonly seed: Locator;
  readonly manual: Locator;
  readonly scrubber: Locator;
  readonly narration: Locator;

  constructor(readonly page: Page) {
    this.output = page.getByRole('region', { name: 'Runtime output' });
    this.explanation = page.getByRole('region', { name: 'Explanation' });
    this.play = page.getByRole('button', { name: 'Play', exact: true });
    this.pause = page.getByRole('button', { name: 'Pause' });
    this.step = page.getByRole('button', { name: 'Step', exact: true });
    this.stepStatement = page.getByRole('button', { name: 'Step statement' });
    this.stepBack = page.getByRole('button', { name: 'Step back' });
    this.restart = page.getByRole('button', { name: 'Restart' });
    this.speed = page.getByLabel('Speed');
    this.seed = page.getByLabel('Seed');
    this.manual = page.getByLabel('I choose who runs');
    this.scrubber = page.getByLabel('Rewind to step');
    this.narration = page.getByTestId('narration');
  }

  async open(scenario?: string): Promise<void> {
    await this.page.goto(scenario ? `./?scenario=${scenario}` : './');
    await expect(this.goroutine(1)).toBeVisible();
  }

  /** Open the editor (unless it is open) and replace the program with `source`. */
  async editProgram(source: string): Promise<void> {
    const edit = this.page.getByRole('button', { name: 'Edit code' });
    if (await edit.isVisible()) await edit.click();
    // the editor's own select-all (the whole document, whatever CodeMirror has drawn), then
    // the text: a fill() once left part of the old program in CI (the new one began at its
    // line 25), most likely because it selects only what is drawn
    await this.page.getByLabel('Go source (editable)').click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.insertText(source);
  }

  /** Replace the program with `source` and close the editor: the simulator runs it. */
  async loadProgram(source: string): Promise<void> {
    await this.editProgram(source);
    await this.page.getByRole('button', { name: 'Stop editing' }).click();
  }

  goroutine(id: number): Locator {
    return this.page.locator(`[data-goroutine="G${id}"]`);
  }

  lock(name: string): Locator {
    return this.page.locator(`[data-lock="${name}"]`);
  }

  map(name: string): Locator {
    return this.page.locator(`[data-map="${name}"]`);
  }

  chan(name: string): Locator {
    return this.page.locator(`[data-chan="${name}"]`);
  }

  /** The button that runs a goroutine's select with this case (while the learner schedules). */
  selectCase(label: string): Locator {
    return this.page
      .getByRole('group', { name: 'The case a select takes' })
      .getByRole('button', { name: label });
  }

  /** Play at full speed until the program ends. */
  async runToEnd(): Promise<void> {
    await this.speed.selectOption('max');
    await this.play.click();
    await expect(this.output).toContainText('exit status', { timeout: 20_000 });
  }

  async setSeed(seed: number): Promise<void> {
    await this.seed.fill(String(seed));
  }

  /**
   * Scroll the timeline to `top` pixels and read what is drawn in its visible part: the
   * goroutine labels in its left column (runs of pixel rows with ink in them), and how many
   * rows of 16 pixels are in view.
   */
  async timelineInView(top: number): Promise<{ labels: number; rows: number }> {
    const timeline = this.page.getByRole('region', { name: 'Timeline' });
    await timeline.evaluate((box, y) => (box.scrollTop = y), top);
    // (drawn on the scroll event; a frame later it is on screen)
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    return timeline.evaluate((box) => {
      const c = box.querySelector('canvas') as HTMLCanvasElement;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      const dpr = c.width / c.getBoundingClientRect().width;
      const cr = c.getBoundingClientRect();
      const br = box.getBoundingClientRect();
      const from = Math.max(0, Math.ceil(br.top - cr.top));
      const to = Math.min(cr.height, Math.floor(br.bottom - cr.top));
      let labels = 0;
      let inked = false;
      for (let y = from; y < to; y++) {
        const px = ctx.getImageData(4 * dpr, y * dpr, 26 * dpr, 1).data;
        let ink = false;
        for (let i = 3; i < px.length; i += 4) if ((px[i] as number) > 0) ink = true;
        if (ink && !inked) labels++;
        inked = ink;
      }
      return { labels, rows: Math.floor((to - from) / 16) };
    });
  }

  /** The step counter's value. */
  async stepNumber(): Promise<number> {
    return Number(await this.scrubber.inputValue());
  }
}
