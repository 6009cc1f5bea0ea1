import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../common/http.js';
import { getAdminSettings, updateAdminSettings } from '../api.js';
import { announceSettingsChange } from '../lib/settings-signal.js';
import { draftOf, readable, updateOf, type Draft, type Field } from '../lib/admin-settings.js';
import { LoadError } from '../../common/ListStatus.js';
import { RequestAdminSettings } from '../components/requests/RequestAdminSettings.js';

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
      setLoadError({ message: messageOf(caught), forbidden: caught instanceof ApiError && caught.status === 403 });
    }
  };

  useEffect(() => {
    if (isAdmin) void load();
  }, [isAdmin]);

  if (!isAdmin || loadError?.forbidden) {
    return (
      <section class="view" aria-labelledby="admin-title">
        <div class="card empty-state" data-testid="admin-forbidden">
          <h1 id="admin-title">Not allowed</h1>
          <p class="muted">Only administrators can change the organisation's sharing rules.</p>
          <p>
            <a href="#/files/">Back to My files</a>
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
      setError({ text: 'Type the address every email is sent from, or let each user set their own.', fields: ['adminNotificationSender'] });
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
          <h1 id="admin-title">Administration</h1>
          <p class="muted subtitle">
            Sharing rules for everyone in your organisation. They apply to new links and to every change of a link.
          </p>
        </div>
      </div>
      {loadError && <LoadError card message={loadError.message} testId="admin-load-error" onRetry={load} />}
      {!draft && !loadError && (
        <p class="table-state" role="status">
          Loading the settings…
        </p>
      )}
      {draft && (
        <form class="card settings-card" onSubmit={submit} noValidate data-testid="admin-form">
          <section class="settings-section" aria-labelledby="admin-security">
            <h2 id="admin-security">Link security</h2>
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
                <span>Allow device binding</span>
              </label>
              <p class="hint">
                Owners may then bind a link to the first device that opens it: any other browser is refused, even with the right password.
                Owners can reset a binding from the link's page. Turning this off keeps existing bound links bound.
              </p>
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
                <span>Require a password on every link</span>
              </label>
              <p class="hint">When on, owners cannot create links that anyone with the address can open.</p>
            </div>
          </section>

          <section class="settings-section" aria-labelledby="admin-expiry">
            <h2 id="admin-expiry">Expiry</h2>
            <div class="field field-narrow">
              <label for="admin-default-expiry">Default expiry (days)</label>
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
                What the share dialog proposes. Owners can pick another expiry within the maximum.
              </p>
            </div>
            <fieldset class="group">
              <legend>Maximum expiry</legend>
              <div class="choices choices-stacked">
                <label class="choice">
                  <input
                    type="radio"
                    name="admin-limit"
                    checked={!draft.limitExpiry}
                    onChange={() => update({ limitExpiry: false })}
                    data-testid="admin-no-max"
                  />
                  <span>No maximum: links may also never expire</span>
                </label>
                <label class="choice">
                  <input
                    type="radio"
                    name="admin-limit"
                    checked={draft.limitExpiry}
                    onChange={() => update({ limitExpiry: true })}
                    data-testid="admin-has-max"
                  />
                  <span>Links expire within a number of days</span>
                </label>
              </div>
              {draft.limitExpiry && (
                <div class="field field-inline field-narrow">
                  <label for="admin-max-expiry">Maximum expiry (days)</label>
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
              <p class="hint">A maximum applies to new links and to expiry changes; existing links keep their expiry.</p>
            </fieldset>
          </section>

          <section class="settings-section" aria-labelledby="admin-email">
            <h2 id="admin-email">Notification emails</h2>
            <fieldset class="group">
              <legend class="visually-hidden">Who emails are sent from</legend>
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
                    <strong>Each user sets their own sender</strong>
                    <span class="hint">
                      Emails to recipients and download alerts come from the address each user enters in their personal settings. A user
                      without one cannot email recipients.
                    </span>
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
                    <strong>One address for everyone</strong>
                    <span class="hint">Every email comes from the address below. Users see it in their settings and cannot change it.</span>
                  </span>
                </label>
              </div>
              {draft.senderMode === 'admin' && (
                <div class="field field-inline">
                  <label for="admin-sender">Sender address</label>
                  <input
                    id="admin-sender"
                    type="email"
                    autocomplete="email"
                    placeholder="files@example.com"
                    value={draft.adminNotificationSender}
                    onInput={(e) => update({ adminNotificationSender: e.currentTarget.value })}
                    aria-invalid={invalid('adminNotificationSender')}
                    data-testid="admin-sender"
                  />
                  <p class="hint">The address (or its domain) must be verified for sending email in the deployment.</p>
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
                Saved. The rules apply from now on.
              </p>
            )}
            <div class="dialog-actions">
              <button type="submit" class="btn btn-primary" disabled={saving} data-testid="admin-save">
                {saving ? 'Saving…' : 'Save settings'}
              </button>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}
