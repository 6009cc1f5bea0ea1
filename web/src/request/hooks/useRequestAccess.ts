import { useCallback, useEffect, useState } from 'preact/hooks';
import { getRequest } from '../api.js';
import { t } from '../i18n/index.js';
import { isTerminal, uploaderMessage, type TerminalCode } from '../lib/messages.js';
import { forgetVisit, storedVisit, type Visit } from '../lib/session.js';
import type { PublicRequest } from '../types.js';

export type Phase =
  | { name: 'loading' }
  | { name: 'unavailable'; message: string }
  | { name: 'gone'; code: TerminalCode }
  | { name: 'locked'; request: PublicRequest; notice?: string }
  | { name: 'open'; request: PublicRequest; visit: Visit };

/**
 * Where the uploader stands with the link: reading it, asked for their name (and the
 * password), sending files as a visit, or gone for good.
 */
export function useRequestAccess(requestId: string) {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });

  const start = useCallback(async () => {
    if (!requestId) {
      setPhase({ name: 'gone', code: 'REQUEST_NOT_FOUND' });
      return;
    }
    setPhase({ name: 'loading' });
    try {
      const request = await getRequest(requestId);
      const visit = storedVisit(requestId);
      setPhase(visit ? { name: 'open', request, visit } : { name: 'locked', request });
    } catch (error) {
      setPhase(isTerminal(error) ? { name: 'gone', code: error.code } : { name: 'unavailable', message: uploaderMessage(error) });
    }
  }, [requestId]);

  useEffect(() => {
    void start();
  }, [start]);

  const opened = (request: PublicRequest, visit: Visit) => setPhase({ name: 'open', request, visit });

  /** The visit's access ended (its token expired): ask for the name and password again. */
  const accessEnded = (request: PublicRequest) => {
    forgetVisit(requestId);
    setPhase({ name: 'locked', request, notice: t('request.accessEnded') });
  };

  /** Reads the limits again after files arrived (what is left changed). */
  const refresh = async () => {
    try {
      const request = await getRequest(requestId);
      setPhase((current) => (current.name === 'open' || current.name === 'locked' ? { ...current, request } : current));
    } catch {
      // The next upload tells the uploader if the link closed.
    }
  };

  return { phase, start, opened, accessEnded, refresh };
}
