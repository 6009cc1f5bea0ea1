import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { formatDateTime } from '../../common/format.js';
import { ApiError, messageOf } from '../../common/http.js';
import { CheckIcon, FileIcon, FolderIcon } from '../../common/icons.js';
import { Modal } from '../../common/Modal.js';
import { daysFromNow, expiryAllowed, expiryChoiceOf, expiryPresets, initialExpiryMode, localDateValue, expiryPolicyHint, type ExpiryMode } from '../lib/expiry.js';
import { MAX_RECIPIENTS, parseAddresses, RecipientsInput } from './RecipientsInput.js';
import { createShare, getMe } from '../api.js';
import { onSettingsChange } from '../lib/settings-signal.js';
import type { CreateShareRequest, CreatedShare, Me, NotificationSettings, PasswordChoice, SelectedItem, SharePolicy } from '../types.js';

interface ShareDialogProps {
  items: SelectedItem[];
  policy?: SharePolicy | undefined;
  /** `created` is true once a link exists, so the caller can clear the selection. */
  onClose: (created: boolean) => void;
}

type PasswordMode = PasswordChoice['mode'];

export function ShareDialog({ items, policy: initialPolicy, onClose }: ShareDialogProps) {
  // The policy and the sender may have changed since sign-in: read them fresh for this dialog.
  const [me, setMe] = useState<Pick<Me, 'policy' | 'notification'>>({ policy: initialPolicy });
  const policy = me.policy;
  const notification = me.notification;
  const maxDays = policy?.maxExpiryDays ?? null;
  const [aliases, setAliases] = useState<Record<string, string>>(() => Object.fromEntries(items.map((item) => [item.path, item.name])));
  const [allowDownload, setAllowDownload] = useState(true);
  const [passwordMode, setPasswordMode] = useState<PasswordMode>('auto');
  const [customPassword, setCustomPassword] = useState('');
  const [expiryMode, setExpiryMode] = useState<ExpiryMode>(() => initialExpiryMode(policy?.defaultExpiryDays, maxDays));
  const [expiryTouched, setExpiryTouched] = useState(false);
  const [expiryDate, setExpiryDate] = useState(() => localDateValue(daysFromNow(Math.min(policy?.defaultExpiryDays ?? 14, maxDays ?? 14))));
  const [deviceBinding, setDeviceBinding] = useState(false);
  const [maxDownloads, setMaxDownloads] = useState('');
  const [recipients, setRecipients] = useState<string[]>([]);
  const [recipientDraft, setRecipientDraft] = useState('');
  const [recipientError, setRecipientError] = useState<string>();
  const [message, setMessage] = useState('');
  const [includePassword, setIncludePassword] = useState(false);
  const [notifyOnDownload, setNotifyOnDownload] = useState(false);
  const [error, setError] = useState<string>();
  const [errorCode, setErrorCode] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedShare>();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(() => {
    getMe().then(
      (fresh) => setMe({ policy: fresh.policy, notification: fresh.notification }),
      () => {
        // The dialog still works with what the app had; the API enforces the rules anyway.
      },
    );
  }, []);

  useEffect(() => {
    refresh();
    // Back from setting a sender in another tab: pick it up.
    return onSettingsChange(refresh);
  }, [refresh]);

  useEffect(() => {
    if (!expiryTouched) setExpiryMode(initialExpiryMode(policy?.defaultExpiryDays, maxDays));
  }, [policy?.defaultExpiryDays, maxDays]);

  useEffect(() => {
    if (created) resultHeading.current?.focus();
  }, [created]);

  const bindingAvailable = policy?.deviceBindingEnabled === true;
  const hasRecipients = recipients.length > 0 || recipientDraft.trim() !== '';

  const buildRequest = (): CreateShareRequest | string => {
    const blank = items.find((item) => !(aliases[item.path] ?? '').trim());
    if (blank) return `Give “${blank.name}” a name for recipients.`;
    let password: PasswordChoice;
    if (passwordMode === 'custom') {
      if (!customPassword) return 'Type the password recipients will use, or choose another password option.';
      password = { mode: 'custom', value: customPassword };
    } else {
      password = { mode: passwordMode };
    }
    const expiry = expiryChoiceOf(expiryMode, expiryDate, maxDays);
    if (typeof expiry === 'string') return expiry;
    let limit: number | null = null;
    if (maxDownloads.trim()) {
      if (!/^\d+$/.test(maxDownloads.trim()) || Number(maxDownloads) < 1) return 'Maximum downloads: enter a whole number, 1 or more, or leave it empty for no limit.';
      limit = Number(maxDownloads);
    }
    // Addresses still in the field count too: nothing typed is silently dropped.
    const { added, invalid } = parseAddresses(recipientDraft, recipients);
    if (invalid.length) {
      setRecipients([...recipients, ...added]);
      setRecipientDraft(invalid.join(', '));
      return `Recipients: ${invalid.map((piece) => `“${piece}”`).join(', ')} ${invalid.length === 1 ? 'is not an email address' : 'are not email addresses'}.`;
    }
    const allRecipients = [...recipients, ...added];
    if (added.length) {
      setRecipients(allRecipients);
      setRecipientDraft('');
    }
    if (allRecipients.length > MAX_RECIPIENTS) return `Recipients: at most ${MAX_RECIPIENTS} per link.`;
    return {
      items: items.map((item) => ({ path: item.path, alias: (aliases[item.path] ?? item.name).trim() })),
      allowDownload,
      password,
      expiry,
      recipients: allRecipients,
      ...(message.trim() ? { message: message.trim() } : {}),
      includePasswordInEmail: allRecipients.length > 0 && passwordMode !== 'none' && includePassword,
      notifyOnDownload,
      deviceBinding: bindingAvailable && deviceBinding,
      maxDownloads: limit,
    };
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const request = buildRequest();
    if (typeof request === 'string') {
      setError(request);
      setErrorCode(undefined);
      return;
    }
    setBusy(true);
    setError(undefined);
    setErrorCode(undefined);
    try {
      setCreated(await createShare(request));
    } catch (caught) {
      setError(messageOf(caught));
      setErrorCode(caught instanceof ApiError ? caught.code : undefined);
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    const password = created.password ?? (passwordMode === 'custom' ? customPassword : undefined);
    const both = password ? `${created.url}\nPassword: ${password}` : created.url;
    return (
      <Modal title="Share link created" onClose={() => onClose(true)} testId="share-dialog" wide>
        <div class="share-result" data-testid="share-result">
          <h3 ref={resultHeading} tabIndex={-1} class="result-heading">
            <CheckIcon /> Your link is ready
          </h3>
          <p class="muted">
            {created.expiresAt ? `It works until ${formatDateTime(created.expiresAt)}.` : 'It does not expire.'}{' '}
            {allowDownload ? 'Recipients can download the files.' : 'Recipients can see the list but not download.'}
          </p>
          {recipients.length > 0 && (
            <p class="alert alert-info" data-testid="share-result-emailed">
              An email with the link goes to {recipients.join(', ')}
              {passwordMode === 'none' ? '.' : includePassword ? ', with the password.' : '. The password is not in it: send it another way.'}
            </p>
          )}
          <div class="field">
            <label for="result-link">Link</label>
            <div class="input-row">
              <input id="result-link" type="text" readOnly value={created.url} data-testid="share-result-link" onFocus={(e) => e.currentTarget.select()} />
              <CopyButton text={created.url} label="Copy" accessibleLabel="Copy link" testId="copy-link" />
            </div>
          </div>
          {created.password ? (
            <div class="field">
              <label for="result-password">Password</label>
              <div class="input-row">
                <input
                  id="result-password"
                  class="mono"
                  type="text"
                  readOnly
                  value={created.password}
                  data-testid="share-result-password"
                  aria-describedby="result-password-warning"
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton text={created.password} label="Copy" accessibleLabel="Copy password" testId="copy-password" />
              </div>
              <p id="result-password-warning" class="alert alert-warning" data-testid="password-warning">
                Copy the password now: it will not be shown again. Send it to recipients separately from the link.
              </p>
            </div>
          ) : (
            <p class="muted">{passwordMode === 'custom' ? 'Recipients need the password you chose.' : 'This link has no password: anyone with the link can open it.'}</p>
          )}
          <div class="dialog-actions">
            {password && <CopyButton text={both} label="Copy link + password" testId="copy-both" />}
            <button type="button" class="btn btn-primary" onClick={() => onClose(true)} data-testid="share-result-done">
              Done
            </button>
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={`Share ${items.length} ${items.length === 1 ? 'item' : 'items'}`} onClose={() => onClose(false)} testId="share-dialog" wide>
      <form onSubmit={submit} class="share-form" noValidate data-testid="share-form">
        <fieldset class="group">
          <legend>Names recipients see</legend>
          <ul class="alias-list">
            {items.map((item, index) => (
              <li key={item.path}>
                <label for={`alias-${index}`} class="alias-label">
                  {item.kind === 'folder' ? <FolderIcon /> : <FileIcon />}
                  <span class="alias-path" title={item.path}>
                    {item.path}
                  </span>
                </label>
                <input
                  id={`alias-${index}`}
                  type="text"
                  required
                  maxLength={255}
                  value={aliases[item.path] ?? ''}
                  onInput={(e) => setAliases({ ...aliases, [item.path]: e.currentTarget.value })}
                  data-testid="alias-input"
                  data-path={item.path}
                />
              </li>
            ))}
          </ul>
        </fieldset>

        <div class="group">
          <label class="switch">
            <input type="checkbox" role="switch" checked={allowDownload} onChange={(e) => setAllowDownload(e.currentTarget.checked)} data-testid="allow-download" />
            <span class="switch-track" aria-hidden="true" />
            <span>Allow download</span>
          </label>
          <p class="hint">When off, recipients see the file list but cannot download.</p>
        </div>

        <fieldset class="group">
          <legend>Password</legend>
          <div class="choices">
            {(
              [
                ['auto', 'Generate one', 'password-auto'],
                ['custom', 'Choose one', 'password-custom'],
                ['none', 'No password', 'password-none'],
              ] as const
            ).map(([mode, label, testId]) => (
              <label class="choice" key={mode}>
                <input
                  type="radio"
                  name="password-mode"
                  value={mode}
                  checked={passwordMode === mode}
                  disabled={mode === 'none' && policy?.requirePassword}
                  onChange={() => setPasswordMode(mode)}
                  data-testid={testId}
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
          {passwordMode === 'custom' && (
            <div class="field field-inline">
              <label for="custom-password">Password for recipients</label>
              <input
                id="custom-password"
                type="text"
                class="mono"
                autocomplete="off"
                spellcheck={false}
                value={customPassword}
                onInput={(e) => setCustomPassword(e.currentTarget.value)}
                data-testid="password-custom-value"
              />
            </div>
          )}
          {passwordMode === 'auto' && <p class="hint">We create a strong password and show it once, after you create the link.</p>}
          {passwordMode === 'none' && <p class="hint">Anyone with the link can open it.</p>}
          {policy?.requirePassword && <p class="hint">Your organisation requires a password on every link.</p>}
        </fieldset>

        <fieldset class="group">
          <legend>Link expires</legend>
          <div class="choices">
            {expiryPresets(policy?.defaultExpiryDays).map(({ mode, label }) => (
              <label class="choice" key={mode}>
                <input
                  type="radio"
                  name="expiry-mode"
                  value={mode}
                  checked={expiryMode === mode}
                  disabled={!expiryAllowed(mode, maxDays)}
                  onChange={() => {
                    setExpiryMode(mode);
                    setExpiryTouched(true);
                  }}
                  data-testid={`expiry-${mode}`}
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
          {policy && <p class="hint" data-testid="expiry-policy-hint">{expiryPolicyHint(policy.defaultExpiryDays, maxDays)}</p>}
          {expiryMode === 'date' && (
            <div class="field field-inline">
              <label for="expiry-date">Last day the link works</label>
              <input
                id="expiry-date"
                type="date"
                min={localDateValue(new Date())}
                max={maxDays === null ? undefined : localDateValue(daysFromNow(maxDays))}
                value={expiryDate}
                onInput={(e) => {
                  setExpiryDate(e.currentTarget.value);
                  setExpiryTouched(true);
                }}
                data-testid="expiry-date"
              />
            </div>
          )}
        </fieldset>

        <fieldset class="group">
          <legend>Access limits</legend>
          {bindingAvailable && (
            <div class="check-row">
              <label class="switch">
                <input type="checkbox" role="switch" checked={deviceBinding} onChange={(e) => setDeviceBinding(e.currentTarget.checked)} data-testid="device-binding" />
                <span class="switch-track" aria-hidden="true" />
                <span>Bind to the first device that opens it</span>
              </label>
              <p class="hint">Any other browser is refused, even with the password. You can reset the binding on the link's page.</p>
            </div>
          )}
          <div class="field field-inline field-narrow">
            <label for="max-downloads">Maximum downloads (optional)</label>
            <input
              id="max-downloads"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              placeholder="No limit"
              value={maxDownloads}
              onInput={(e) => setMaxDownloads(e.currentTarget.value)}
              data-testid="max-downloads"
            />
          </div>
        </fieldset>

        <fieldset class="group">
          <legend>Email the link (optional)</legend>
          <div class="field">
            <label for="recipients">Recipients</label>
            <RecipientsInput
              id="recipients"
              recipients={recipients}
              draft={recipientDraft}
              error={recipientError}
              describedBy="recipients-hint"
              onChange={(list, draft, problem) => {
                setRecipients(list);
                setRecipientDraft(draft);
                setRecipientError(problem);
              }}
            />
            {recipientError ? (
              <p id="recipients-hint" class="hint hint-error" data-testid="recipients-error">
                {recipientError}
              </p>
            ) : (
              <p id="recipients-hint" class="hint">
                Separate addresses with commas or press Enter after each. Each recipient gets an email with the link.
              </p>
            )}
          </div>
          {hasRecipients && (
            <>
              <div class="field">
                <label for="share-message-input">Message to recipients</label>
                <textarea
                  id="share-message-input"
                  rows={3}
                  maxLength={2000}
                  value={message}
                  onInput={(e) => setMessage(e.currentTarget.value)}
                  placeholder="Here are the files we talked about."
                  data-testid="message-input"
                />
              </div>
              {passwordMode !== 'none' && (
                <label class="check">
                  <input type="checkbox" checked={includePassword} onChange={(e) => setIncludePassword(e.currentTarget.checked)} data-testid="include-password" />
                  <span>Include the password in the email</span>
                </label>
              )}
              {passwordMode !== 'none' && includePassword && (
                <p class="hint">Safer: leave this off and send the password another way (phone, chat).</p>
              )}
            </>
          )}
          <label class="check">
            <input type="checkbox" checked={notifyOnDownload} onChange={(e) => setNotifyOnDownload(e.currentTarget.checked)} data-testid="notify-download" />
            <span>Notify me on download</span>
          </label>
          <SenderNote notification={notification} needed={hasRecipients || notifyOnDownload} hasRecipients={hasRecipients} />
        </fieldset>

        <div class="form-footer">
          {error && (
            <p class="alert alert-error" role="alert" data-testid="share-error">
              {error}
              {errorCode === 'NOTIFICATION_SENDER_NOT_CONFIGURED' && (
                <>
                  {' '}
                  <a href="#/settings" target="_blank" rel="opener">
                    Open settings
                  </a>
                </>
              )}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="btn btn-ghost" onClick={() => onClose(false)}>
              Cancel
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="create-share-submit">
              {busy ? 'Creating…' : recipients.length ? 'Create link and email it' : 'Create link'}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}

/** Which address emails come from, said before the person submits. */
function SenderNote({ notification, needed, hasRecipients }: { notification?: NotificationSettings | undefined; needed: boolean; hasRecipients: boolean }) {
  if (!notification) return null;
  if (notification.sender) {
    return (
      <p class="hint" data-testid="sender-note">
        Emails come from <strong>{notification.sender}</strong>
        {notification.mode === 'admin' ? ', set by your administrator.' : ', your sender address.'}
      </p>
    );
  }
  if (!needed) {
    return (
      <p class="hint" data-testid="sender-note">
        You have no sender address yet: set one in <a href="#/settings" target="_blank" rel="opener">Settings</a> to email recipients.
      </p>
    );
  }
  return (
    <p class="alert alert-warning sender-missing" role="status" data-testid="sender-missing">
      {hasRecipients ? 'No email can be sent: you have no sender address.' : 'No alert can be sent: you have no sender address.'}{' '}
      <a href="#/settings" target="_blank" rel="opener">
        Set one in Settings
      </a>{' '}
      (opens in a new tab; this dialog stays as it is).
    </p>
  );
}
