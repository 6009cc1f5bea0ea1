import { useShareChange } from '../../hooks/useShareChange.js';
import type { SharePolicy } from '../../types.js';
import { ExpiryEditor } from '../ExpiryEditor.js';
import type { SettingProps } from './LinkSettings.js';
import { fmt, t } from '../../i18n/index.js';

/** The expiry: shown as a date, changed (counted from now, within the policy) in place. */
export function ExpirySetting({ share, editable, policy, apply }: SettingProps & { policy?: SharePolicy | undefined }) {
  const { busy, error, setError, send } = useShareChange(apply);

  return (
    <div class="setting-row">
      <dt>{t('link.expiry.title')}</dt>
      <dd>
        <span data-testid="detail-expiry">{share.expiresAt ? fmt().formatDateTime(share.expiresAt) : t('link.expiry.never')}</span>
        {editable && (
          <ExpiryEditor
            expiresAt={share.expiresAt}
            policy={policy}
            busy={busy}
            idPrefix="detail-expiry"
            testIdPrefix=""
            onOpen={() => setError(undefined)}
            onSave={async (expiry) => (await send({ body: { expiry }, done: t('link.expiry.changed') })) !== undefined}
            onProblem={setError}
          />
        )}
        {error && (
          <p class="alert alert-error" role="alert" data-testid="expiry-error">
            {error}
          </p>
        )}
      </dd>
    </div>
  );
}
