/** Where the app is: a view, a scenario, and possibly a shared moment to open. */
import { decodeShare, type SharePayload } from '../../embed/share';
import { DEFAULT_SCENARIO, scenarioById } from '../../scenarios/catalogue';

export type View = 'simulator' | 'catalogue' | 'compare' | 'pair';

export interface Route {
  readonly view: View;
  readonly scenario: string;
}

export function readRoute(): Route {
  const q = new URLSearchParams(window.location.search);
  const v = q.get('view');
  const view: View = v === 'catalogue' || v === 'compare' || v === 'pair' ? v : 'simulator';
  return { view, scenario: scenarioById(q.get('scenario'))?.id ?? DEFAULT_SCENARIO.id };
}

/** The scenario the address asks for when the catalogue has none by that name, else null. */
export function unknownScenario(): string | null {
  const id = new URLSearchParams(window.location.search).get('scenario');
  return id && !scenarioById(id) ? id : null;
}

/** What the page says when a link names a program the catalogue does not have. */
export function noSuchScenario(id: string): string {
  return `The catalogue has no program “${id}” (the link may be older or newer than this Interleave): here is the default program instead.`;
}

export function writeRoute(r: Route): void {
  const q = new URLSearchParams(window.location.search);
  q.delete('view');
  q.delete('scenario');
  if (r.view !== 'simulator') q.set('view', r.view);
  if (r.view === 'simulator' || r.view === 'pair') q.set('scenario', r.scenario);
  // a shared moment belongs to the page it was opened on
  window.history.pushState(null, '', `?${q.toString()}`);
}

export type SharedMoment =
  | { readonly ok: true; readonly payload: SharePayload }
  | { readonly ok: false; readonly reason: string }
  | null;

/** The moment in `#share=…`, if the page was opened from a share link. */
export async function readShared(): Promise<SharedMoment> {
  const m = /^#share=(.*)$/s.exec(window.location.hash);
  if (!m) return null;
  let text: string;
  try {
    text = decodeURIComponent(m[1] ?? '');
  } catch {
    return { ok: false, reason: 'the link is damaged' };
  }
  const r = await decodeShare(text);
  if (r.ok && r.payload.scenario && !scenarioById(r.payload.scenario))
    return {
      ok: false,
      reason: `the link names a program this version does not have (${r.payload.scenario})`,
    };
  return r;
}
