import { useCallback, useEffect, useState } from 'preact/hooks';
import { getMe } from '../api.js';
import { onSettingsChange } from '../lib/settings-signal.js';
import type { Me, SharePolicy } from '../types.js';

/**
 * The tenant policy and the sender as they are now: the app's copy may be older than an
 * administrator's change. Read on mount and again when another tab changed them.
 */
export function useFreshAccount(initialPolicy: SharePolicy | undefined): Partial<Pick<Me, 'policy' | 'notification' | 'emailSending'>> {
  const [account, setAccount] = useState<Partial<Pick<Me, 'policy' | 'notification' | 'emailSending'>>>({ policy: initialPolicy });

  const refresh = useCallback(() => {
    getMe().then(
      (fresh) => setAccount({ policy: fresh.policy, notification: fresh.notification, emailSending: fresh.emailSending }),
      () => {
        // What the app had still works; the API enforces the rules anyway.
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    // Back from setting a sender in another tab: pick it up.
    return onSettingsChange(refresh);
  }, [refresh]);

  return account;
}
