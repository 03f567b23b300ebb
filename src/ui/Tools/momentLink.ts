import { encodeShare } from '../../embed/share';
import { CUSTOM_ID, type Scenario } from '../../scenarios/catalogue';

/**
 * A link to this page that reproduces a moment: the program (the scenario's id, or the edited
 * source), the seed and -race, the schedule, and the step to open at. Rejects when the link
 * would be too long. `query` is the page's query string (this page's own by default; an embed
 * links to the app, without its `?embed=1…`).
 */
export async function momentLink(
  sim: { readonly source: string; readonly seed: number; readonly race: boolean },
  scenario: Scenario,
  schedule: readonly number[],
  step: number,
  query = location.search,
): Promise<string> {
  const text = await encodeShare({
    v: 1,
    // (a shared program has no id the app could find it by: its source goes in the link)
    ...(sim.source !== scenario.source || scenario.id === CUSTOM_ID
      ? { program: sim.source }
      : { scenario: scenario.id }),
    seed: sim.seed,
    schedule,
    step,
    ...(sim.race ? { race: true } : {}),
  });
  return `${location.origin}${location.pathname}${query}#share=${text}`;
}
