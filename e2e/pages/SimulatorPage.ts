import type { Locator, Page } from '@playwright/test';

/** The simulator page, as a user sees it: by roles and names. */
export class SimulatorPage {
  readonly output: Locator;
  readonly run: Locator;

  constructor(readonly page: Page) {
    this.output = page.getByRole('region', { name: 'Runtime output' });
    this.run = page.getByRole('button', { name: 'Run' });
  }

  async open(): Promise<void> {
    await this.page.goto('./');
  }
}
