import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { getShare } from '../api.js';
import { t } from '../i18n/index.js';
import { isTerminal, recipientMessage, type TerminalCode } from '../lib/messages.js';
import { deviceId, forgetToken, storedToken } from '../lib/session.js';
import type { PublicShare } from '../types.js';

export type Phase =
  | { name: 'loading' }
  | { name: 'unavailable'; message: string }
  | { name: 'gone'; code: TerminalCode }
  | { name: 'locked'; share: PublicShare; notice?: string }
  | { name: 'open'; share: PublicShare; token: string };

/**
 * Where the recipient stands with the link: reading it, locked behind the password, open
 * with a token, or gone for good. `endedBy` turns a failure of any later step into the
 * phase it means (the link died, or the token did).
 */
export function useShareAccess(shareId: string) {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });

  const start = useCallback(async () => {
    if (!shareId) {
      setPhase({ name: 'gone', code: 'SHARE_NOT_FOUND' });
      return;
    }
    setPhase({ name: 'loading' });
    try {
      // The device id goes with the first request: a link bound to another device says so before any password.
      const share = await getShare(shareId, deviceId());
      const token = storedToken(shareId);
      setPhase(token ? { name: 'open', share, token } : { name: 'locked', share });
    } catch (error) {
      setPhase(isTerminal(error) ? { name: 'gone', code: error.code } : { name: 'unavailable', message: recipientMessage(error) });
    }
  }, [shareId]);

  useEffect(() => {
    void start();
  }, [start]);

  /** Errors any step can hit: the link died, or our token did. Returns true when handled. */
  const endedBy = (error: unknown, share: PublicShare): boolean => {
    if (isTerminal(error)) {
      forgetToken(shareId);
      setPhase({ name: 'gone', code: error.code });
      return true;
    }
    if (error instanceof ApiError && error.code === 'INVALID_TOKEN') {
      forgetToken(shareId);
      setPhase({
        name: 'locked',
        share,
        notice: t(share.requiresPassword ? 'share.access.endedPassword' : 'share.access.endedOpen'),
      });
      return true;
    }
    return false;
  };

  const opened = (share: PublicShare, token: string) => setPhase({ name: 'open', share, token });

  return { phase, start, endedBy, opened };
}
