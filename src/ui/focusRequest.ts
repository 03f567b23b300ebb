import { createContext } from 'react';

/**
 * Where keyboard focus should go once a view has been drawn, when the control that changed
 * the view is gone with it (a catalogue card, "See the fix"): the action asks, the view takes
 * the request when it mounts. One per app, through a context (no module-level state).
 */
export interface FocusRequests {
  ask(target: string): void;
  /** true once if focus was asked for `target` (the request is then used up) */
  take(target: string): boolean;
}

export function createFocusRequests(): FocusRequests {
  let pending: string | null = null;
  return {
    ask(target) {
      pending = target;
    },
    take(target) {
      if (pending !== target) return false;
      pending = null;
      return true;
    },
  };
}

export const FocusRequestContext = createContext<FocusRequests | null>(null);
