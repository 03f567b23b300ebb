import { expect, test } from '@playwright/test';
import { SimulatorPage } from '../pages/SimulatorPage';

test('the page runs the RWMutex store to a clean exit', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open();
  await expect(page.getByRole('heading', { name: 'Interleave' })).toBeVisible();
  await sim.run.click();
  await expect(sim.output).toContainText('3 jobs');
  await expect(sim.output).toContainText('exit status 0');
});
