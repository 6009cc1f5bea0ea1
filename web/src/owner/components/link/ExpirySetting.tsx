import { useState } from 'preact/hooks';
import { useShareChange } from '../../hooks/useShareChange.js';
import { daysFromNow, expiryAllowed, expiryChoiceOf, expiryPolicyHint, localDateValue, type ExpiryMode } from '../../lib/expiry.js';
import type { SharePolicy } from '../../types.js';
import { ExpiryField } from '../ExpiryField.js';
import type { SettingProps } from './LinkSettings.js';
import { fmt, t } from '../../i18n/index.js';

/** The expiry: shown as a date, changed (counted from now, within the policy) in place. */
export function ExpirySetting({ share, editable, policy, apply }: SettingProps & { policy?: SharePolicy | undefined }) {
  const maxDays = policy?.maxExpiryDays ?? null;
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<ExpiryMode>('7');
  const [date, setDate] = useState('');
  const { busy, error, setError, send } = useShareChange(apply);

  const open = () => {
    const current = share.expiresAt ? new Date(share.expiresAt) : undefined;
    const future = current && current.getTime() > Date.now() ? current : daysFromNow(Math.min(14, maxDays ?? 14));
    setDate(localDateValue(future));
    setMode(expiryAllowed('7', maxDays) ? '7' : 'date');
    setError(undefined);
    setEditing(true);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const expiry = expiryChoiceOf(mode, date, maxDays);
    if (typeof expiry === 'string') {
      setError(expiry);
      return;
    }
    if (await send({ body: { expiry }, done: t('link.expiry.changed') })) setEditing(false);
  };

  return (
    <div class="setting-row">
      <dt>{t('link.expiry.title')}</dt>
      <dd>
        <span data-testid="detail-expiry">{share.expiresAt ? fmt().formatDateTime(share.expiresAt) : t('link.expiry.never')}</span>
        {editable && !editing && (
          <div class="setting-actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={open} data-testid="edit-expiry">
              {t('link.change')}
            </button>
          </div>
        )}
        {editing && (
          <form class="inline-editor" onSubmit={submit} noValidate data-testid="expiry-form">
            <ExpiryField
              idPrefix="detail-expiry"
              legend={t('link.expiry.legend')}
              legendHidden
              presetSuffix={t('link.expiry.fromNow')}
              mode={mode}
              date={date}
              onMode={setMode}
              onDate={setDate}
              defaultDays={policy?.defaultExpiryDays}
              maxDays={maxDays}
            >
              {maxDays !== null && <p class="hint">{expiryPolicyHint(undefined, maxDays)}</p>}
            </ExpiryField>
            <div class="setting-actions">
              <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid="expiry-save">
                {busy ? t('link.saving') : t('link.expiry.save')}
              </button>
              <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
                {t('link.close')}
              </button>
            </div>
          </form>
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
