/**
 * A restore reloads the edit view (so its form shows the restored draft); what the panel should
 * say about it afterwards waits in the tab's session storage until then.
 */
import type { Dropped } from './api';

const KEY = 'koper-otok.revisions.restored';

export function rememberRestore(dropped: Dropped[]): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(dropped));
}

/** What the last restore left out, once; null when nothing was restored since. */
export function takeRestoreNote(): Dropped[] | null {
  const stored = window.sessionStorage.getItem(KEY);
  window.sessionStorage.removeItem(KEY);
  return stored === null ? null : JSON.parse(stored);
}
