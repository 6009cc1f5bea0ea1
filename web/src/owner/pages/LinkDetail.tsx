import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { formatDateTime } from '../../common/format.js';
import { ApiError, messageOf } from '../../common/http.js';
import { FileIcon, FolderIcon } from '../../common/icons.js';
import { Modal } from '../../common/Modal.js';
import { QrCode } from '../../common/QrCode.js';
import { describeEvent, shortClient, shortUserAgent } from '../lib/events.js';
import { daysFromNow, expiryAllowed, expiryChoiceOf, expiryPresets, localDateValue, expiryPolicyHint, type ExpiryMode } from '../lib/expiry.js';
import { cancelShare, getShare, listShareEvents, updateShare } from '../api.js';
import type { Share, ShareEvent, SharePolicy, ShareStatus, ShareUpdate, UpdatedShare } from '../types.js';
import { LoadError, LoadMore } from '../../common/ListStatus.js';
import { usePagedList } from '../../common/usePagedList.js';

const statusLabel: Record<ShareStatus, string> = { active: 'Active', expired: 'Expired', cancelled: 'Cancelled' };

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'error'; message: string } | { state: 'ready'; share: Share };

type Dialog = 'qr' | 'regenerate' | 'reset' | 'cancel';

/** What the owner asked to change, and the sentence that confirms it worked. */
interface Change {
  body: ShareUpdate;
  done: string;
}

function titleOf(share: Share): string {
  const first = share.items[0]?.alias ?? '(no items)';
  return share.items.length > 1 ? `${first} +${share.items.length - 1} more` : first;
}

export function LinkDetail({ id, policy }: { id: string; policy?: SharePolicy | undefined }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [notice, setNotice] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();

  const load = useCallback(async () => {
    setLoaded({ state: 'loading' });
    try {
      setLoaded({ state: 'ready', share: await getShare(id) });
    } catch (error) {
      setLoaded(error instanceof ApiError && error.status === 404 ? { state: 'missing' } : { state: 'error', message: messageOf(error) });
    }
  }, [id]);

  useEffect(() => {
    setNotice(undefined);
    setDialog(undefined);
    void load();
  }, [load]);

  useEffect(() => {
    if (loaded.state === 'ready') document.title = `${titleOf(loaded.share)} · ShareLink`;
  }, [loaded]);

  if (loaded.state === 'loading') {
    return (
      <section class="view link-detail">
        <BackLink />
        <p class="table-state" role="status">
          Loading the link…
        </p>
      </section>
    );
  }
  if (loaded.state === 'missing' || loaded.state === 'error') {
    return (
      <section class="view link-detail" aria-labelledby="link-detail-title">
        <BackLink />
        <div class="card empty-state" data-testid="link-detail-missing">
          <h1 id="link-detail-title">{loaded.state === 'missing' ? 'Link not found' : 'Could not load the link'}</h1>
          <p class="muted">{loaded.state === 'missing' ? 'It does not exist, or it is not one of yours.' : loaded.message}</p>
          {loaded.state === 'error' && (
            <button type="button" class="btn btn-secondary" onClick={load}>
              Try again
            </button>
          )}
        </div>
      </section>
    );
  }

  const { share } = loaded;
  const editable = share.status !== 'cancelled';

  /** Sends one change; on success shows the new state, on failure returns the API's message. */
  const apply = async (change: Change): Promise<UpdatedShare | string> => {
    try {
      const updated = await updateShare(share.id, change.body);
      const { password: _password, ...rest } = updated;
      setLoaded({ state: 'ready', share: rest });
      setNotice(change.done);
      return updated;
    } catch (error) {
      setNotice(undefined);
      return messageOf(error);
    }
  };

  return (
    <section class="view link-detail" aria-labelledby="link-detail-title" data-testid="link-detail" data-share-id={share.id}>
      <BackLink />
      <div class="page-header">
        <div class="detail-heading">
          <h1 id="link-detail-title" data-testid="link-detail-title">
            {titleOf(share)}
          </h1>
          <p class="muted subtitle">
            <span class={`badge badge-${share.status}`} data-testid="link-detail-status">
              {statusLabel[share.status] ?? share.status}
            </span>{' '}
            Created {formatDateTime(share.createdAt)}
            {share.cancelledAt ? ` · cancelled ${formatDateTime(share.cancelledAt)}` : ''}
          </p>
        </div>
        <div class="page-actions">
          {share.status === 'active' && (
            <button type="button" class="btn btn-danger-ghost" onClick={() => setDialog('cancel')} data-testid="detail-cancel">
              Cancel link
            </button>
          )}
        </div>
      </div>

      {notice && (
        <p class="alert alert-success" role="status" data-testid="detail-notice">
          {notice}
        </p>
      )}
      {share.status === 'cancelled' && (
        <p class="alert alert-info" data-testid="detail-cancelled-note">
          This link is cancelled: recipients cannot open it and its settings can no longer be changed.
        </p>
      )}
      {share.status === 'expired' && (
        <p class="alert alert-warning" data-testid="detail-expired-note">
          This link has expired. Choose a new expiry below to make it work again.
        </p>
      )}

      <div class="card detail-card link-address">
        <label for="detail-url" class="detail-label">
          Link
        </label>
        <div class="input-row">
          <input id="detail-url" type="text" readOnly value={share.url} data-testid="detail-url" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={share.url} label="Copy link" testId="detail-copy" />
          <button type="button" class="btn btn-secondary" onClick={() => setDialog('qr')} data-testid="detail-qr">
            QR code
          </button>
        </div>
      </div>

      <div class="detail-grid">
        <div class="card detail-card">
          <h2>Settings</h2>
          <dl class="settings-list">
            <DownloadSwitch share={share} editable={editable} apply={apply} />
            <DownloadLimit share={share} editable={editable} apply={apply} />
            <div class="setting-row">
              <dt>Password</dt>
              <dd>
                <span data-testid="detail-password">{share.requiresPassword ? 'Required' : 'Not required: anyone with the link can open it'}</span>
                {editable && (
                  <div class="setting-actions">
                    <button type="button" class="btn btn-secondary btn-small" onClick={() => setDialog('regenerate')} data-testid="regenerate-password">
                      {share.requiresPassword ? 'New password' : 'Add a password'}
                    </button>
                  </div>
                )}
              </dd>
            </div>
            <ExpirySetting share={share} editable={editable} policy={policy} apply={apply} />
            <div class="setting-row">
              <dt>Device binding</dt>
              <dd>
                <span data-testid="detail-binding">
                  {!share.deviceBinding ? 'Off' : share.deviceBound ? 'Bound to the first device that opened it' : 'On, not bound yet: the first device to open it will own it'}
                </span>
                {editable && share.deviceBinding && share.deviceBound && (
                  <div class="setting-actions">
                    <button type="button" class="btn btn-secondary btn-small" onClick={() => setDialog('reset')} data-testid="reset-binding">
                      Reset binding
                    </button>
                  </div>
                )}
              </dd>
            </div>
          </dl>
        </div>

        <div class="detail-side">
          <div class="card detail-card">
            <h2>
              Shared {share.items.length === 1 ? 'item' : `items (${share.items.length})`}
            </h2>
            <ul class="detail-items" data-testid="detail-items">
              {share.items.map((item) => (
                <li key={item.path} data-testid="detail-item" data-kind={item.kind}>
                  {item.kind === 'folder' ? <FolderIcon /> : <FileIcon />}
                  <span class="detail-item-text">
                    <span class="detail-item-alias" data-testid="detail-item-alias">
                      {item.alias}
                    </span>
                    <span class="muted detail-item-path" title={item.path}>
                      {item.kind === 'folder' ? 'Folder' : 'File'} · {item.path}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <div class="card detail-card">
            <h2>Recipients</h2>
            {share.recipients.length ? (
              <ul class="chips" data-testid="detail-recipients">
                {share.recipients.map((address) => (
                  <li class="chip" key={address}>
                    {address}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted" data-testid="detail-recipients">
                Nobody was emailed: the link was only copied.
              </p>
            )}
            {share.message && (
              <blockquote class="share-message" data-testid="detail-message">
                {share.message}
              </blockquote>
            )}
            <p class="muted detail-foot">{share.notifyOnDownload ? 'You get an email when someone downloads.' : 'No email to you on downloads.'}</p>
          </div>
        </div>
      </div>

      <AccessLog shareId={share.id} downloadCount={share.downloadCount} />

      {dialog === 'qr' && (
        <Modal title="QR code" onClose={() => setDialog(undefined)} testId="qr-dialog">
          <div class="qr-panel">
            <QrCode text={share.url} label={`QR code for ${share.url}`} testId="qr-code" />
            <p class="muted qr-url">{share.url}</p>
            <p class="hint">Scan it with a phone camera to open the link.{share.requiresPassword ? ' Send the password separately.' : ''}</p>
          </div>
          <div class="dialog-actions">
            <button type="button" class="btn btn-primary" onClick={() => setDialog(undefined)} autofocus>
              Done
            </button>
          </div>
        </Modal>
      )}
      {dialog === 'regenerate' && <RegenerateDialog share={share} apply={apply} onClose={() => setDialog(undefined)} />}
      {dialog === 'reset' && (
        <ConfirmDialog
          title="Reset device binding"
          text="The device that opened this link loses it. The next device to open the link becomes the only one that can use it."
          action="Reset binding"
          busyAction="Resetting…"
          testId="reset-dialog"
          onConfirm={() => apply({ body: { resetDeviceBinding: true }, done: 'The binding was reset: the next device to open the link will own it.' })}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'cancel' && (
        <ConfirmDialog
          title="Cancel link"
          text="Cancel this link? Recipients lose access immediately. This cannot be undone."
          action="Cancel link"
          busyAction="Cancelling…"
          danger
          testId="confirm-dialog"
          onConfirm={async () => {
            try {
              await cancelShare(share.id);
              const fresh = await getShare(share.id);
              setLoaded({ state: 'ready', share: fresh });
              setNotice('The link was cancelled.');
              return fresh;
            } catch (error) {
              return messageOf(error);
            }
          }}
          onClose={() => setDialog(undefined)}
        />
      )}
    </section>
  );
}

function BackLink() {
  return (
    <a class="back-link" href="#/links" data-testid="back-to-links">
      <span aria-hidden="true">←</span> My share links
    </a>
  );
}

interface SettingProps {
  share: Share;
  editable: boolean;
  apply: (change: Change) => Promise<UpdatedShare | string>;
}

function DownloadSwitch({ share, editable, apply }: SettingProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const toggle = async (allowDownload: boolean) => {
    setBusy(true);
    setError(undefined);
    const result = await apply({
      body: { allowDownload },
      done: allowDownload ? 'Downloads are on.' : 'Downloads are off: recipients can see and preview the files but not download them.',
    });
    if (typeof result === 'string') setError(result);
    setBusy(false);
  };
  return (
    <div class="setting-row">
      <dt>Downloads</dt>
      <dd>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={share.allowDownload}
            disabled={!editable || busy}
            onChange={(e) => toggle(e.currentTarget.checked)}
            data-testid="detail-allow-download"
          />
          <span class="switch-track" aria-hidden="true" />
          <span>{share.allowDownload ? 'Allowed' : 'Off'}</span>
        </label>
        <p class="hint">When off, recipients see the list and previews but cannot download.</p>
        {error && (
          <p class="alert alert-error" role="alert">
            {error}
          </p>
        )}
      </dd>
    </div>
  );
}

function DownloadLimit({ share, editable, apply }: SettingProps) {
  const limit = share.maxDownloads ?? null;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const open = () => {
    setValue(limit === null ? '' : String(limit));
    setError(undefined);
    setEditing(true);
  };
  const save = async (maxDownloads: number | null) => {
    setBusy(true);
    setError(undefined);
    const result = await apply({
      body: { maxDownloads },
      done: maxDownloads === null ? 'The download limit was removed.' : `Downloads are limited to ${maxDownloads}.`,
    });
    setBusy(false);
    if (typeof result === 'string') setError(result);
    else setEditing(false);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) {
      setError('Enter a whole number of downloads, 1 or more, or remove the limit.');
      return;
    }
    void save(Number(trimmed));
  };

  return (
    <div class="setting-row">
      <dt>Download limit</dt>
      <dd>
        <span data-testid="detail-limit">
          {limit === null ? 'No limit' : `${limit} ${limit === 1 ? 'download' : 'downloads'}`} · {share.downloadCount} used
        </span>
        {editable && !editing && (
          <div class="setting-actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={open} data-testid="edit-limit">
              {limit === null ? 'Set a limit' : 'Change'}
            </button>
            {limit !== null && (
              <button type="button" class="btn btn-ghost btn-small" disabled={busy} onClick={() => save(null)} data-testid="remove-limit">
                Remove limit
              </button>
            )}
          </div>
        )}
        {editing && (
          <form class="inline-editor" onSubmit={submit} noValidate data-testid="limit-form">
            <label for="limit-input">Maximum downloads</label>
            <div class="input-row">
              <input
                id="limit-input"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={value}
                onInput={(e) => setValue(e.currentTarget.value)}
                aria-invalid={error ? true : undefined}
                data-testid="limit-input"
              />
              <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid="limit-save">
                {busy ? 'Saving…' : 'Save'}
              </button>
              <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
                Close
              </button>
            </div>
            <p class="hint">Downloads past the limit are refused. Previews do not count.</p>
          </form>
        )}
        {error && (
          <p class="alert alert-error" role="alert" data-testid="limit-error">
            {error}
          </p>
        )}
      </dd>
    </div>
  );
}

function ExpirySetting({ share, editable, policy, apply }: SettingProps & { policy?: SharePolicy | undefined }) {
  const maxDays = policy?.maxExpiryDays ?? null;
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<ExpiryMode>('7');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

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
    setBusy(true);
    setError(undefined);
    const result = await apply({ body: { expiry }, done: 'The expiry was changed.' });
    setBusy(false);
    if (typeof result === 'string') setError(result);
    else setEditing(false);
  };

  return (
    <div class="setting-row">
      <dt>Expires</dt>
      <dd>
        <span data-testid="detail-expiry">{share.expiresAt ? formatDateTime(share.expiresAt) : 'Never'}</span>
        {editable && !editing && (
          <div class="setting-actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={open} data-testid="edit-expiry">
              Change
            </button>
          </div>
        )}
        {editing && (
          <form class="inline-editor" onSubmit={submit} noValidate data-testid="expiry-form">
            <fieldset class="group">
              <legend class="visually-hidden">New expiry, counted from now</legend>
              <div class="choices">
                {expiryPresets(policy?.defaultExpiryDays).map(({ mode: option, label }) => (
                  <label class="choice" key={option}>
                    <input
                      type="radio"
                      name="detail-expiry-mode"
                      value={option}
                      checked={mode === option}
                      disabled={!expiryAllowed(option, maxDays)}
                      onChange={() => setMode(option)}
                      data-testid={`detail-expiry-${option}`}
                    />
                    <span>{option === 'date' || option === 'never' ? label : `${label} from now`}</span>
                  </label>
                ))}
              </div>
              {mode === 'date' && (
                <div class="field field-inline">
                  <label for="detail-expiry-date">Last day the link works</label>
                  <input
                    id="detail-expiry-date"
                    type="date"
                    min={localDateValue(new Date())}
                    max={maxDays === null ? undefined : localDateValue(daysFromNow(maxDays))}
                    value={date}
                    onInput={(e) => setDate(e.currentTarget.value)}
                    data-testid="detail-expiry-date"
                  />
                </div>
              )}
              {maxDays !== null && <p class="hint">{expiryPolicyHint(undefined, maxDays)}</p>}
            </fieldset>
            <div class="setting-actions">
              <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid="expiry-save">
                {busy ? 'Saving…' : 'Save expiry'}
              </button>
              <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
                Close
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

interface ConfirmDialogProps {
  title: string;
  text: string;
  action: string;
  busyAction: string;
  danger?: boolean;
  testId: string;
  /** Resolves with the API's message when it failed (the dialog stays open), anything else when done. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

function ConfirmDialog({ title, text, action, busyAction, danger, testId, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const result = await onConfirm();
    setBusy(false);
    if (typeof result === 'string') setError(result);
    else onClose();
  };
  return (
    <Modal title={title} onClose={onClose} role="alertdialog" describedBy={`${testId}-text`} testId={testId}>
      <p id={`${testId}-text`} data-testid="confirm-text">
        {text}
      </p>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={onClose} data-testid="confirm-keep" autofocus>
          Keep as it is
        </button>
        <button type="button" class={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} onClick={confirm} disabled={busy} data-testid="confirm-ok">
          {busy ? busyAction : action}
        </button>
      </div>
    </Modal>
  );
}

function RegenerateDialog({ share, apply, onClose }: { share: Share; apply: SettingProps['apply']; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [password, setPassword] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (password) heading.current?.focus();
  }, [password]);

  const regenerate = async () => {
    setBusy(true);
    setError(undefined);
    const result = await apply({
      body: { regeneratePassword: true },
      done: 'The link has a new password. The old one no longer works.',
    });
    setBusy(false);
    if (typeof result === 'string') setError(result);
    else if (result.password) setPassword(result.password);
    else setError('The server did not return the new password. Try again.');
  };

  if (password) {
    return (
      <Modal title="New password" onClose={onClose} testId="regenerate-dialog">
        <h3 ref={heading} tabIndex={-1} class="result-heading dialog-lead">
          The link has a new password
        </h3>
        <div class="field">
          <label for="new-password">Password</label>
          <div class="input-row">
            <input
              id="new-password"
              class="mono"
              type="text"
              readOnly
              value={password}
              data-testid="new-password"
              aria-describedby="new-password-warning"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={password} label="Copy" accessibleLabel="Copy password" testId="copy-new-password" />
          </div>
          <p id="new-password-warning" class="alert alert-warning" data-testid="new-password-warning">
            Copy it now: it will not be shown again. The old password and every open session stopped working; recipients need
            this one.
          </p>
        </div>
        <div class="dialog-actions">
          <CopyButton text={`${share.url}\nPassword: ${password}`} label="Copy link + password" testId="copy-link-password" />
          <button type="button" class="btn btn-primary" onClick={onClose} data-testid="regenerate-done">
            Done
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal title={share.requiresPassword ? 'New password' : 'Add a password'} onClose={onClose} role="alertdialog" describedBy="regenerate-text" testId="regenerate-dialog">
      <p id="regenerate-text" data-testid="confirm-text">
        {share.requiresPassword
          ? 'Create a new password for this link? The current password stops working at once, and everyone who opened the link must enter the new one.'
          : 'Protect this link with a generated password? Everyone who opened the link must enter it from now on.'}
      </p>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={onClose} data-testid="confirm-keep" autofocus>
          Keep the current one
        </button>
        <button type="button" class="btn btn-primary" onClick={regenerate} disabled={busy} data-testid="confirm-regenerate">
          {busy ? 'Creating…' : 'Create new password'}
        </button>
      </div>
    </Modal>
  );
}

function AccessLog({ shareId, downloadCount }: { shareId: string; downloadCount: number }) {
  const [log, loadPage] = usePagedList<ShareEvent>();

  const load = useCallback(
    (cursor: string | null) =>
      loadPage(cursor, async () => {
        const page = await listShareEvents(shareId, cursor);
        return { items: page.events, nextCursor: page.nextCursor };
      }),
    [shareId, loadPage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section class="card detail-card access-log" aria-labelledby="access-log-title">
      <div class="card-heading">
        <div>
          <h2 id="access-log-title">Access log</h2>
          <p class="muted subtitle">
            Newest first. <span data-testid="detail-downloads">{downloadCount}</span> {downloadCount === 1 ? 'download' : 'downloads'} so far.
            Addresses are never stored: “Client” is a code that is the same for the same network address.
          </p>
        </div>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => load(null)} disabled={log.loading} data-testid="events-refresh">
          Refresh
        </button>
      </div>
      {log.items.length > 0 && (
        <div class="table-scroll">
          <table class="table events-table" data-testid="events-table">
            <thead>
              <tr>
                <th class="col-date">When</th>
                <th>What happened</th>
                <th>Client</th>
                <th>Browser</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((event, index) => {
                const described = describeEvent(event);
                return (
                  <tr key={`${event.at}-${index}`} data-testid="event-row" data-kind={event.kind}>
                    <td class="col-date" title={event.at}>
                      {formatDateTime(event.at)}
                    </td>
                    <td>
                      <span class={`event-text event-${described.tone}`} data-testid="event-text">
                        {described.text}
                      </span>
                      {event.file && <span class="muted event-file"> {event.file}</span>}
                    </td>
                    <td>
                      <span class="mono event-client" title={event.client}>
                        {shortClient(event.client)}
                      </span>
                    </td>
                    <td title={event.userAgent} data-testid="event-agent">
                      {shortUserAgent(event.userAgent)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {log.loading && (
        <p class="table-state" role="status">
          Loading the access log…
        </p>
      )}
      {log.error && (
        <LoadError message={log.error} testId="events-error" onRetry={() => load(null)} />
      )}
      {!log.loading && !log.error && log.items.length === 0 && (
        <p class="empty-state muted" data-testid="events-empty">
          Nobody has opened this link yet.
        </p>
      )}
      <LoadMore show={!!log.nextCursor && !log.loading} testId="events-load-more" onLoad={() => load(log.nextCursor)} />
    </section>
  );
}
