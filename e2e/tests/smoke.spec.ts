import { expect, test } from '@playwright/test';
import { SimulatorPage } from '../pages/SimulatorPage';

test('the Mutex store runs to a clean exit', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('mutex-store');
  await sim.play.click();
  await expect(sim.output).toContainText('3 jobs', { timeout: 20_000 });
  await expect(sim.output).toContainText('exit status 0');
});
