import { encodeShare } from '../../embed/share';
import type { Scenario } from '../../scenarios/catalogue';

/**
 * A link to this page that reproduces a moment: the program (the scenario's id, or the edited
 * source), the seed and -race, the schedule, and the step to open at. Rejects when the link
 * would be too long.
 */
export async function momentLink(
  sim: { readonly source: string; readonly seed: number; readonly race: boolean },
  scenario: Scenario,
  schedule: readonly number[],
  step: number,
): Promise<string> {
  const text = await encodeShare({
    v: 1,
    ...(sim.source !== scenario.source ? { program: sim.source } : { scenario: scenario.id }),
    seed: sim.seed,
    schedule,
    step,
    ...(sim.race ? { race: true } : {}),
  });
  return `${location.origin}${location.pathname}${location.search}#share=${text}`;
}
