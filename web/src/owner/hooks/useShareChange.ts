import { useState } from 'preact/hooks';
import type { UpdatedShare } from '../types.js';
import type { ApplyChange, ShareChange } from './useShareDetail.js';

/** One setting's round trip: busy while its change is on the way, and the refusal in words. */
export function useShareChange(apply: ApplyChange) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  /** Resolves with the updated link, or undefined when the API refused (then `error` says why). */
  const send = async (change: ShareChange): Promise<UpdatedShare | undefined> => {
    setBusy(true);
    setError(undefined);
    const result = await apply(change);
    setBusy(false);
    if (typeof result === 'string') {
      setError(result);
      return undefined;
    }
    return result;
  };

  return { busy, error, setError, send };
}
