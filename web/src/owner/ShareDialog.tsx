import { useEffect, useRef, useState } from 'preact/hooks';
import { CopyButton } from '../common/CopyButton.js';
import { formatDateTime } from '../common/format.js';
import { messageOf } from '../common/http.js';
import { CheckIcon, FileIcon, FolderIcon } from '../common/icons.js';
import { Modal } from '../common/Modal.js';
import { api } from './session.js';
import type { CreateShareRequest, CreatedShare, ExpiryChoice, PasswordChoice, SelectedItem, SharePolicy } from './types.js';

interface ShareDialogProps {
  items: SelectedItem[];
  policy?: SharePolicy | undefined;
  /** `created` is true once a link exists, so the caller can clear the selection. */
  onClose: (created: boolean) => void;
}

type PasswordMode = PasswordChoice['mode'];
type ExpiryMode = '1' | '7' | '30' | 'date' | 'never';

const expiryPresets: { mode: ExpiryMode; label: string }[] = [
  { mode: '1', label: '1 day' },
  { mode: '7', label: '7 days' },
  { mode: '30', label: '30 days' },
  { mode: 'date', label: 'On a date' },
  { mode: 'never', label: 'Never' },
];

/** Presets beyond the tenant's maximum (and "never" under any maximum) would be refused. */
function expiryAllowed(mode: ExpiryMode, maxDays: number | null): boolean {
  if (maxDays === null || mode === 'date') return true;
  if (mode === 'never') return false;
  return Number(mode) <= maxDays;
}

/** yyyy-mm-dd of a local date, as <input type="date"> wants it. */
function localDateValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function daysFromNow(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date;
}

/** A date picked in the form means "until the end of that day" where the owner is. */
function endOfLocalDay(value: string): Date | undefined {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return undefined;
  return new Date(year, month - 1, day, 23, 59, 59, 999);
}

export function ShareDialog({ items, policy, onClose }: ShareDialogProps) {
  const [aliases, setAliases] = useState<Record<string, string>>(() => Object.fromEntries(items.map((item) => [item.path, item.name])));
  const [allowDownload, setAllowDownload] = useState(true);
  const [passwordMode, setPasswordMode] = useState<PasswordMode>('auto');
  const [customPassword, setCustomPassword] = useState('');
  const [expiryMode, setExpiryMode] = useState<ExpiryMode>(() => (expiryAllowed('7', policy?.maxExpiryDays ?? null) ? '7' : 'date'));
  const maxDays = policy?.maxExpiryDays ?? null;
  const [expiryDate, setExpiryDate] = useState(() => localDateValue(daysFromNow(Math.min(14, maxDays ?? 14))));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedShare>();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (created) resultHeading.current?.focus();
  }, [created]);

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
    let expiry: ExpiryChoice;
    if (expiryMode === 'never') expiry = { never: true };
    else if (expiryMode === 'date') {
      const at = endOfLocalDay(expiryDate);
      if (!at) return 'Pick the date the link stops working.';
      if (at.getTime() <= Date.now()) return 'The expiry date must be in the future.';
      expiry = { at: at.toISOString() };
    } else expiry = { days: Number(expiryMode) };
    return {
      items: items.map((item) => ({ path: item.path, alias: (aliases[item.path] ?? item.name).trim() })),
      allowDownload,
      password,
      expiry,
      recipients: [],
      notifyOnDownload: false,
      deviceBinding: false,
    };
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const request = buildRequest();
    if (typeof request === 'string') {
      setError(request);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await api<CreatedShare>('POST', '/api/shares', request));
    } catch (caught) {
      setError(messageOf(caught));
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
      <form onSubmit={submit} class="share-form" data-testid="share-form">
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
            {expiryPresets.map(({ mode, label }) => (
              <label class="choice" key={mode}>
                <input
                  type="radio"
                  name="expiry-mode"
                  value={mode}
                  checked={expiryMode === mode}
                  disabled={!expiryAllowed(mode, maxDays)}
                  onChange={() => setExpiryMode(mode)}
                  data-testid={`expiry-${mode}`}
                />
                <span>{label}</span>
              </label>
            ))}
          </div>
          {maxDays !== null && <p class="hint">Links can last at most {maxDays} {maxDays === 1 ? 'day' : 'days'} here.</p>}
          {expiryMode === 'date' && (
            <div class="field field-inline">
              <label for="expiry-date">Last day the link works</label>
              <input
                id="expiry-date"
                type="date"
                min={localDateValue(new Date())}
                max={maxDays === null ? undefined : localDateValue(daysFromNow(maxDays))}
                value={expiryDate}
                onInput={(e) => setExpiryDate(e.currentTarget.value)}
                data-testid="expiry-date"
              />
            </div>
          )}
        </fieldset>

        <div class="form-footer">
          {error && (
            <p class="alert alert-error" role="alert" data-testid="share-error">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="btn btn-ghost" onClick={() => onClose(false)}>
              Cancel
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="create-share-submit">
              {busy ? 'Creating…' : 'Create link'}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
