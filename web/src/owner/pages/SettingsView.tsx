import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { errorText } from '../../common/texts.js';
import { WithSlot } from '../../common/WithSlot.js';
import { getMe, getMySettings, requestSenderCode, updateMySettings } from '../api.js';
import { SenderVerification } from '../components/settings/SenderVerification.js';
import { announceSettingsChange } from '../lib/settings-signal.js';
import type { EmailSending, NotificationSettings, SenderCodeSent, UserSettings } from '../types.js';
import { LoadError } from '../../common/ListStatus.js';
import { t } from '../i18n/index.js';
import { problemText } from '../lib/problems.js';

interface SettingsViewProps {
  email: string;
  /** The sender changed: the app keeps /api/me's copy in step, for the share dialog. */
  onSaved: (notification: NotificationSettings) => void;
}

export function SettingsView({ email, onSaved }: SettingsViewProps) {
  const [settings, setSettings] = useState<UserSettings>();
  const [loadError, setLoadError] = useState<string>();
  const [sender, setSender] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [emailSending, setEmailSending] = useState<EmailSending>();
  /** A code is on its way to a new address: the second step shows. */
  const [codeSent, setCodeSent] = useState<SenderCodeSent>();

  const load = async () => {
    setLoadError(undefined);
    try {
      // GET /api/me/settings holds the user's own sender; which sender applies is in /api/me.
      const [own, me] = await Promise.all([getMySettings(), getMe()]);
      const notification = me.notification;
      if (!notification) throw new ApiError(500, 'SENDER_NOT_SAID', t('account.settings.noSenderState'));
      setSettings({
        notificationSender: own.notificationSender ?? null,
        notificationSenderVerified: own.notificationSenderVerified !== false,
        notification,
      });
      setSender(own.notificationSender ?? '');
      setEmailSending(me.emailSending);
    } catch (caught) {
      setLoadError(problemText(caught));
    }
  };

  const applySaved = (updated: UserSettings) => {
    setSettings(updated);
    setSender(updated.notificationSender ?? '');
    setCodeSent(undefined);
    setSaved(true);
    onSaved(updated.notification);
    announceSettingsChange();
  };

  useEffect(() => {
    void load();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setSaved(false);
    const trimmed = sender.trim();
    try {
      applySaved(await updateMySettings({ notificationSender: trimmed || null }));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'SENDER_NOT_VERIFIED') {
        // An address nobody proved yet: ShareLink emails it a code, and the page asks for it.
        try {
          setCodeSent(await requestSenderCode(trimmed));
        } catch (sending) {
          setError(problemText(sending));
        }
        return;
      }
      setError(errorText(caught).replace(/^Invalid request body: notificationSender: /, t('account.settings.senderPrefix')));
      // The administrator set a sender meanwhile: show the page as it now is.
      if (caught instanceof ApiError && caught.code === 'ADMIN_SENDER_ENFORCED') void load();
    } finally {
      setSaving(false);
    }
  };

  const notification = settings?.notification;

  return (
    <section class="view settings-view" aria-labelledby="settings-title">
      <div class="page-header">
        <div>
          <h1 id="settings-title">{t('account.settings.title')}</h1>
          <p class="muted subtitle">
            <WithSlot text={t('account.settings.signedInAs')} slot="email">
              <strong>{email}</strong>
            </WithSlot>
          </p>
        </div>
      </div>
      {loadError && <LoadError card message={loadError} testId="settings-load-error" onRetry={load} />}
      {!settings && !loadError && (
        <p class="table-state" role="status">
          {t('account.settings.loading')}
        </p>
      )}
      {notification && (
        <div class="card settings-card" data-testid="settings-card" data-mode={notification.mode}>
          <section class="settings-section" aria-labelledby="settings-email">
            <h2 id="settings-email">{t('account.settings.emails')}</h2>
            <p class="muted">{t('account.settings.emailsIntro')}</p>
            {emailSending?.enabled === false ? (
              <p class="alert alert-info" data-testid="settings-email-off">
                {t('account.settings.emailOff')}
              </p>
            ) : notification.mode === 'admin' ? (
              <div class="field">
                <label for="settings-sender">{t('account.settings.sender')}</label>
                <input id="settings-sender" type="email" readOnly value={notification.sender ?? ''} data-testid="settings-sender" />
                <p class="alert alert-info" data-testid="settings-admin-note">
                  {t('account.settings.adminNote')}
                </p>
              </div>
            ) : codeSent ? (
              <SenderVerification sent={codeSent} onConfirmed={applySaved} onCancel={() => setCodeSent(undefined)} />
            ) : (
              <form onSubmit={submit} noValidate data-testid="settings-form">
                <div class="field">
                  <label for="settings-sender">{t('account.settings.sender')}</label>
                  <div class="input-row input-row-narrow">
                    <input
                      id="settings-sender"
                      type="email"
                      autocomplete="email"
                      placeholder={t('account.settings.placeholder')}
                      value={sender}
                      onInput={(e) => {
                        setSender(e.currentTarget.value);
                        setSaved(false);
                      }}
                      aria-invalid={error ? true : undefined}
                      aria-describedby="settings-sender-hint"
                      data-testid="settings-sender"
                    />
                    <button type="submit" class="btn btn-primary" disabled={saving} data-testid="settings-save">
                      {saving ? t('account.settings.saving') : t('account.settings.save')}
                    </button>
                  </div>
                  <p id="settings-sender-hint" class="hint">
                    {t('account.settings.hint')}
                    {emailSending &&
                      emailSending.mode !== 'local' &&
                      t('account.settings.allowedSenders', { senders: emailSending.allowedSenders })}
                  </p>
                </div>
                {settings?.notificationSender && settings.notificationSenderVerified === false && !saved && (
                  <p class="alert alert-warning" data-testid="settings-unverified">
                    {t('account.settings.unverified', { address: settings.notificationSender })}
                  </p>
                )}
                {saved && (
                  <p class="alert alert-success" role="status" data-testid="settings-saved">
                    {notification.sender
                      ? t('account.settings.savedSender', { sender: notification.sender })
                      : t('account.settings.savedNone')}
                  </p>
                )}
              </form>
            )}
            {error && (
              <p class="alert alert-error" role="alert" data-testid="settings-error">
                {error}
              </p>
            )}
          </section>
        </div>
      )}
    </section>
  );
}
