/**
 * Where keyboard focus should go once a view has been drawn, when the control that changed
 * the view is gone (a catalogue card, "See the fix"): the action asks, the view takes it.
 */
let pending: string | null = null;

export function requestFocus(target: string): void {
  pending = target;
}

/** True once if focus was asked for `target` (the request is then used up). */
export function takeFocusRequest(target: string): boolean {
  if (pending !== target) return false;
  pending = null;
  return true;
}
