import { useState } from 'preact/hooks';
import { fmt, t } from '../../i18n/index.js';
import { folderLabel } from '../../lib/requests.js';
import { filesHref } from '../../lib/router.js';
import type { FileRequestDetail, FileRequestUpdate, SharePolicy } from '../../types.js';
import { ExpiryEditor } from '../ExpiryEditor.js';

interface RequestSettingsProps {
  request: FileRequestDetail;
  policy?: SharePolicy | undefined;
  apply: (body: FileRequestUpdate, done: string) => Promise<string | undefined>;
}

/** Where files go, the limits, the password, the expiry (changeable) and the email switch. */
export function RequestSettings({ request, policy, apply }: RequestSettingsProps) {
  const editable = request.status !== 'cancelled';
  const format = fmt();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const send = async (body: FileRequestUpdate, done: string) => {
    setBusy(true);
    const refusal = await apply(body, done);
    setBusy(false);
    setError(refusal);
    return refusal === undefined;
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
            {editable && (
              <ExpiryEditor
                expiresAt={request.expiresAt}
                policy={policy}
                busy={busy}
                idPrefix="request-detail-expiry"
                testIdPrefix="request-"
                onOpen={() => setError(undefined)}
                onSave={(expiry) => send({ expiry }, t('requests.settings.expiryChanged'))}
                onProblem={setError}
              />
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
