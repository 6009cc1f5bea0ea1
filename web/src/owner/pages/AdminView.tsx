import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../common/http.js';
import { getAdminSettings, updateAdminSettings } from '../api.js';
import { announceSettingsChange } from '../lib/settings-signal.js';
import { draftOf, readable, updateOf, type Draft, type Field } from '../lib/admin-settings.js';
import { LoadError } from '../../common/ListStatus.js';
import { RequestAdminSettings } from '../components/requests/RequestAdminSettings.js';
import { t } from '../i18n/index.js';
import { problemText } from '../lib/problems.js';

interface AdminViewProps {
  isAdmin: boolean;
  /** The policy changed: the app re-reads /api/me so dialogs follow the new rules. */
  onSaved: () => void;
}

export function AdminView({ isAdmin, onSaved }: AdminViewProps) {
  const [draft, setDraft] = useState<Draft>();
  const [loadError, setLoadError] = useState<{ message: string; forbidden: boolean }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ text: string; fields: Field[] }>();
  const [saved, setSaved] = useState(false);

  const load = async () => {
    setLoadError(undefined);
    try {
      setDraft(draftOf(await getAdminSettings()));
    } catch (caught) {
      setLoadError({ message: problemText(caught), forbidden: caught instanceof ApiError && caught.status === 403 });
    }
  };

  useEffect(() => {
    if (isAdmin) void load();
  }, [isAdmin]);

  if (!isAdmin || loadError?.forbidden) {
    return (
      <section class="view" aria-labelledby="admin-title">
        <div class="card empty-state" data-testid="admin-forbidden">
          <h1 id="admin-title">{t('admin.forbidden.title')}</h1>
          <p class="muted">{t('admin.forbidden.text')}</p>
          <p>
            <a href="#/files/">{t('admin.forbidden.back')}</a>
          </p>
        </div>
      </section>
    );
  }

  const update = (changes: Partial<Draft>) => {
    setDraft((current) => (current ? { ...current, ...changes } : current));
    setSaved(false);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    if (draft.senderMode === 'admin' && !draft.adminNotificationSender.trim()) {
      setError({ text: t('admin.email.senderMissing'), fields: ['adminNotificationSender'] });
      return;
    }
    const body = updateOf(draft);
    setSaving(true);
    setError(undefined);
    setSaved(false);
    try {
      setDraft(draftOf(await updateAdminSettings(body)));
      setSaved(true);
      onSaved();
      announceSettingsChange();
    } catch (caught) {
      setError(readable(messageOf(caught)));
    } finally {
      setSaving(false);
    }
  };

  const invalid = (field: Field) => (error?.fields.includes(field) ? true : undefined);

  return (
    <section class="view admin-view" aria-labelledby="admin-title">
      <div class="page-header">
        <div>
          <h1 id="admin-title">{t('admin.title')}</h1>
          <p class="muted subtitle">{t('admin.subtitle')}</p>
        </div>
      </div>
      {loadError && <LoadError card message={loadError.message} testId="admin-load-error" onRetry={load} />}
      {!draft && !loadError && (
        <p class="table-state" role="status">
          {t('admin.loading')}
        </p>
      )}
      {draft && (
        <form class="card settings-card" onSubmit={submit} noValidate data-testid="admin-form">
          <section class="settings-section" aria-labelledby="admin-security">
            <h2 id="admin-security">{t('admin.security.title')}</h2>
            <div class="group">
              <label class="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={draft.deviceBindingEnabled}
                  onChange={(e) => update({ deviceBindingEnabled: e.currentTarget.checked })}
                  data-testid="admin-device-binding"
                />
                <span class="switch-track" aria-hidden="true" />
                <span>{t('admin.security.deviceBinding')}</span>
              </label>
              <p class="hint">{t('admin.security.deviceBindingHint')}</p>
            </div>
            <div class="group">
              <label class="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={draft.requirePassword}
                  onChange={(e) => update({ requirePassword: e.currentTarget.checked })}
                  data-testid="admin-require-password"
                />
                <span class="switch-track" aria-hidden="true" />
                <span>{t('admin.security.requirePassword')}</span>
              </label>
              <p class="hint">{t('admin.security.requirePasswordHint')}</p>
            </div>
          </section>

          <section class="settings-section" aria-labelledby="admin-expiry">
            <h2 id="admin-expiry">{t('admin.expiry.title')}</h2>
            <div class="field field-narrow">
              <label for="admin-default-expiry">{t('admin.expiry.defaultLabel')}</label>
              <input
                id="admin-default-expiry"
                type="number"
                inputMode="numeric"
                min={1}
                max={3650}
                value={draft.defaultExpiryDays}
                onInput={(e) => update({ defaultExpiryDays: e.currentTarget.value })}
                aria-invalid={invalid('defaultExpiryDays')}
                aria-describedby="admin-default-expiry-hint"
                data-testid="admin-default-expiry"
              />
              <p id="admin-default-expiry-hint" class="hint">
                {t('admin.expiry.defaultHint')}
              </p>
            </div>
            <fieldset class="group">
              <legend>{t('admin.expiry.maxLegend')}</legend>
              <div class="choices choices-stacked">
                <label class="choice">
                  <input
                    type="radio"
                    name="admin-limit"
                    checked={!draft.limitExpiry}
                    onChange={() => update({ limitExpiry: false })}
                    data-testid="admin-no-max"
                  />
                  <span>{t('admin.expiry.noMax')}</span>
                </label>
                <label class="choice">
                  <input
                    type="radio"
                    name="admin-limit"
                    checked={draft.limitExpiry}
                    onChange={() => update({ limitExpiry: true })}
                    data-testid="admin-has-max"
                  />
                  <span>{t('admin.expiry.hasMax')}</span>
                </label>
              </div>
              {draft.limitExpiry && (
                <div class="field field-inline field-narrow">
                  <label for="admin-max-expiry">{t('admin.expiry.maxLabel')}</label>
                  <input
                    id="admin-max-expiry"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={3650}
                    value={draft.maxExpiryDays}
                    onInput={(e) => update({ maxExpiryDays: e.currentTarget.value })}
                    aria-invalid={invalid('maxExpiryDays')}
                    data-testid="admin-max-expiry"
                  />
                </div>
              )}
              <p class="hint">{t('admin.expiry.maxHint')}</p>
            </fieldset>
          </section>

          <section class="settings-section" aria-labelledby="admin-email">
            <h2 id="admin-email">{t('admin.email.title')}</h2>
            <fieldset class="group">
              <legend class="visually-hidden">{t('admin.email.legend')}</legend>
              <div class="mode-options">
                <label class="mode-option">
                  <input
                    type="radio"
                    name="admin-sender-mode"
                    checked={draft.senderMode === 'user'}
                    onChange={() => update({ senderMode: 'user' })}
                    data-testid="admin-sender-user"
                  />
                  <span>
                    <strong>{t('admin.email.userMode')}</strong>
                    <span class="hint">{t('admin.email.userModeHint')}</span>
                  </span>
                </label>
                <label class="mode-option">
                  <input
                    type="radio"
                    name="admin-sender-mode"
                    checked={draft.senderMode === 'admin'}
                    onChange={() => update({ senderMode: 'admin' })}
                    data-testid="admin-sender-admin"
                  />
                  <span>
                    <strong>{t('admin.email.adminMode')}</strong>
                    <span class="hint">{t('admin.email.adminModeHint')}</span>
                  </span>
                </label>
              </div>
              {draft.senderMode === 'admin' && (
                <div class="field field-inline">
                  <label for="admin-sender">{t('admin.email.sender')}</label>
                  <input
                    id="admin-sender"
                    type="email"
                    autocomplete="email"
                    placeholder={t('admin.email.senderPlaceholder')}
                    value={draft.adminNotificationSender}
                    onInput={(e) => update({ adminNotificationSender: e.currentTarget.value })}
                    aria-invalid={invalid('adminNotificationSender')}
                    data-testid="admin-sender"
                  />
                  <p class="hint">{t('admin.email.senderHint')}</p>
                </div>
              )}
            </fieldset>
          </section>

          <RequestAdminSettings draft={draft} update={update} invalid={invalid} />

          <div class="settings-footer">
            {error && (
              <p class="alert alert-error" role="alert" data-testid="admin-error">
                {error.text}
              </p>
            )}
            {saved && (
              <p class="alert alert-success" role="status" data-testid="admin-saved">
                {t('admin.saved')}
              </p>
            )}
            <div class="dialog-actions">
              <button type="submit" class="btn btn-primary" disabled={saving} data-testid="admin-save">
                {saving ? t('admin.saving') : t('admin.save')}
              </button>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}
