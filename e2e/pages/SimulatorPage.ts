import type { Locator, Page } from '@playwright/test';

/** The simulator page, as a user sees it: by roles and names. */
export class SimulatorPage {
  readonly output: Locator;
  readonly play: Locator;
  readonly pause: Locator;
  readonly step: Locator;
  readonly stepBack: Locator;
  readonly restart: Locator;
  readonly speed: Locator;

  constructor(readonly page: Page) {
    this.output = page.getByRole('region', { name: 'Runtime output' });
    this.play = page.getByRole('button', { name: 'Play' });
    this.pause = page.getByRole('button', { name: 'Pause' });
    this.step = page.getByRole('button', { name: 'Step', exact: true });
    this.stepBack = page.getByRole('button', { name: 'Step back' });
    this.restart = page.getByRole('button', { name: 'Restart' });
    this.speed = page.getByLabel('Speed');
  }

  async open(scenario?: string): Promise<void> {
    await this.page.goto(scenario ? `./?scenario=${scenario}` : './');
  }

  goroutine(id: number): Locator {
    return this.page.locator(`[data-goroutine="G${id}"]`);
  }

  lock(name: string): Locator {
    return this.page.locator(`[data-lock="${name}"]`);
  }
}
