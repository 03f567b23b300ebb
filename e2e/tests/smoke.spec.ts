import { expect, test } from '@playwright/test';
import { SimulatorPage } from '../pages/SimulatorPage';

test('the page loads the default program and can take a step', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open();
  await expect(page.getByRole('heading', { name: 'Interleave' })).toBeVisible();
  await sim.step.click();
  await expect(sim.scrubber).toHaveValue('1');
  await expect(sim.narration).not.toBeEmpty();
});
