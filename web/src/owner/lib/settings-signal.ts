/**
 * Tells the app's other tabs that the sender or the policy changed, so an open share dialog
 * (which sent the person to Settings in a new tab) picks it up. A localStorage write fires
 * `storage` events in the other tabs of the origin; the value itself carries nothing.
 */
const SIGNAL_KEY = 'sharelink.settingsChanged';

export function announceSettingsChange(): void {
  try {
    localStorage.setItem(SIGNAL_KEY, String(Date.now()));
  } catch {
    // Storage disabled: other tabs still refresh when they regain focus.
  }
}

/** Calls `listener` when another tab announced a change or this window regains focus. */
export function onSettingsChange(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === SIGNAL_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  window.addEventListener('focus', listener);
  return () => {
    window.removeEventListener('storage', onStorage);
    window.removeEventListener('focus', listener);
  };
}
