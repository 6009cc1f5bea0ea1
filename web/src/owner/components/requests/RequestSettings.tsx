import { useState } from 'preact/hooks';
import { daysFromNow, expiryAllowed, expiryChoiceOf, expiryPolicyHint, localDateValue, type ExpiryMode } from '../../lib/expiry.js';
import { fmt, t } from '../../i18n/index.js';
import { folderLabel } from '../../lib/requests.js';
import { filesHref } from '../../lib/router.js';
import type { FileRequestDetail, FileRequestUpdate, SharePolicy } from '../../types.js';
import { ExpiryField } from '../ExpiryField.js';

interface RequestSettingsProps {
  request: FileRequestDetail;
  policy?: SharePolicy | undefined;
  apply: (body: FileRequestUpdate, done: string) => Promise<string | undefined>;
}

/** Where files go, the limits, the password, the expiry (changeable) and the email switch. */
export function RequestSettings({ request, policy, apply }: RequestSettingsProps) {
  const editable = request.status !== 'cancelled';
  const format = fmt();
  const maxDays = policy?.maxExpiryDays ?? null;
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<ExpiryMode>('7');
  const [date, setDate] = useState(localDateValue(daysFromNow(14)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const send = async (body: FileRequestUpdate, done: string) => {
    setBusy(true);
    const refusal = await apply(body, done);
    setBusy(false);
    setError(refusal);
    return refusal === undefined;
  };
  const saveExpiry = async (event: Event) => {
    event.preventDefault();
    const expiry = expiryChoiceOf(mode, date, maxDays);
    if (typeof expiry === 'string') setError(expiry);
    else if (await send({ expiry }, t('requests.settings.expiryChanged'))) setEditing(false);
  };
  const open = () => {
    setMode(expiryAllowed('7', maxDays) ? '7' : 'date');
    setError(undefined);
    setEditing(true);
  };

  return (
    <section class="card detail-card" aria-labelledby="request-settings-title">
      <h2 id="request-settings-title">{t('requests.settings.title')}</h2>
      <dl class="settings-list">
        <div class="setting-row">
          <dt>{t('requests.settings.goTo')}</dt>
          <dd>
            <a href={filesHref(request.folder)} data-testid="request-folder-link">
              {folderLabel(request.folder)}
            </a>
            <span class="muted">{t('requests.settings.perUploader')}</span>
          </dd>
        </div>
        <div class="setting-row">
          <dt>{t('requests.settings.limits')}</dt>
          <dd data-testid="request-limits">
            {request.maxFiles === null
              ? t('requests.settings.anyNumber', {
                  total: format.formatBytes(request.maxBytes),
                  left: format.formatBytes(request.remainingBytes),
                })
              : t('requests.settings.files', {
                  count: request.maxFiles,
                  total: format.formatBytes(request.maxBytes),
                  left: format.formatBytes(request.remainingBytes),
                })}
          </dd>
        </div>
        <div class="setting-row">
          <dt>{t('requests.settings.password')}</dt>
          <dd>{t(request.requiresPassword ? 'requests.settings.passwordRequired' : 'requests.settings.passwordNone')}</dd>
        </div>
        <div class="setting-row">
          <dt>{t('requests.settings.expires')}</dt>
          <dd>
            <span data-testid="request-expiry">
              {request.expiresAt ? format.formatDateTime(request.expiresAt) : t('requests.settings.never')}
            </span>
            {editable && !editing && (
              <div class="setting-actions">
                <button type="button" class="btn btn-secondary btn-small" onClick={open} data-testid="request-edit-expiry">
                  {t('requests.settings.change')}
                </button>
              </div>
            )}
            {editing && (
              <form class="inline-editor" onSubmit={saveExpiry} noValidate data-testid="request-expiry-form">
                <ExpiryField
                  idPrefix="request-detail-expiry"
                  legend={t('requests.settings.newExpiry')}
                  legendHidden
                  presetSuffix={t('requests.settings.fromNow')}
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
                  <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid="request-expiry-save">
                    {t(busy ? 'requests.settings.saving' : 'requests.settings.saveExpiry')}
                  </button>
                  <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
                    {t('requests.settings.close')}
                  </button>
                </div>
              </form>
            )}
          </dd>
        </div>
        <div class="setting-row">
          <dt>{t('requests.settings.emailMe')}</dt>
          <dd>
            <label class="switch">
              <input
                type="checkbox"
                role="switch"
                checked={request.notifyOnUpload}
                disabled={!editable || busy}
                onChange={(e) => void send({ notifyOnUpload: e.currentTarget.checked }, t('requests.settings.emailChanged'))}
                data-testid="request-notify-switch"
              />
              <span class="switch-track" aria-hidden="true" />
              <span>{t('requests.settings.whenFilesArrive')}</span>
            </label>
          </dd>
        </div>
      </dl>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="request-settings-error">
          {error}
        </p>
      )}
    </section>
  );
}
