/** The learner's edits, kept per scenario in local storage so work is never lost. */
const key = (id: string) => `interleave:edit:${id}`;

export function loadEdit(id: string): string | null {
  try {
    return localStorage.getItem(key(id));
  } catch {
    return null;
  }
}

export function saveEdit(id: string, text: string): void {
  try {
    localStorage.setItem(key(id), text);
  } catch {
    /* storage full or blocked: the edit still runs, it just is not kept */
  }
}

export function forgetEdit(id: string): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    /* nothing stored */
  }
}
