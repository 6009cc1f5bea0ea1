import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { crumbsOf, formatBytes, formatDateTime } from '../common/format.js';
import { ApiError } from '../common/http.js';
import { DownloadIcon, FileIcon, FolderIcon, LockIcon, Logo, OutcomeIcon } from '../common/icons.js';
import { isTerminal, recipientMessage, terminalMessages, type TerminalCode } from './lib/messages.js';
import { getShare, listFiles, requestDownload } from './api.js';
import { forgetToken, storedToken, unlock } from './lib/session.js';
import type { PublicShare, ShareEntry } from './types.js';
import { saveZip, zipNameOf, type ZipProgress } from './lib/zip.js';
import { LoadError, LoadMore } from '../common/ListStatus.js';

type Phase =
  | { name: 'loading' }
  | { name: 'unavailable'; message: string }
  | { name: 'gone'; code: TerminalCode }
  | { name: 'locked'; share: PublicShare; notice?: string }
  | { name: 'open'; share: PublicShare; token: string };

function Frame({ children }: { children: ComponentChildren }) {
  return (
    <div class="recipient">
      <header class="recipient-top">
        <span class="brand">
          <Logo />
          <span>ShareLink</span>
        </span>
      </header>
      <main id="main" class="recipient-main">
        {children}
      </main>
    </div>
  );
}

function ShareSummary({ share }: { share: PublicShare }) {
  return (
    <div class="share-summary" data-testid="share-summary">
      <h1>
        <span data-testid="share-owner">{share.ownerName || 'Someone'}</span> shared files with you
      </h1>
      <p class="muted" data-testid="share-expiry">
        {share.expiresAt ? `Available until ${formatDateTime(share.expiresAt)}` : 'This link does not expire'}
      </p>
      {share.message && (
        <blockquote class="share-message" data-testid="share-message">
          {share.message}
        </blockquote>
      )}
    </div>
  );
}

export function ShareApp({ shareId }: { shareId: string }) {
  const [phase, setPhase] = useState<Phase>({ name: 'loading' });

  const start = useCallback(async () => {
    if (!shareId) {
      setPhase({ name: 'gone', code: 'SHARE_NOT_FOUND' });
      return;
    }
    setPhase({ name: 'loading' });
    try {
      const share = await getShare(shareId);
      const token = storedToken(shareId);
      setPhase(token ? { name: 'open', share, token } : { name: 'locked', share });
    } catch (error) {
      setPhase(isTerminal(error) ? { name: 'gone', code: error.code } : { name: 'unavailable', message: recipientMessage(error) });
    }
  }, [shareId]);

  useEffect(() => {
    void start();
  }, [start]);

  /** Errors any step can hit: the link died, or our token did. Returns true when handled. */
  const handleShared = (error: unknown, share: PublicShare): boolean => {
    if (isTerminal(error)) {
      forgetToken(shareId);
      setPhase({ name: 'gone', code: error.code });
      return true;
    }
    if (error instanceof ApiError && error.code === 'INVALID_TOKEN') {
      forgetToken(shareId);
      setPhase({
        name: 'locked',
        share,
        notice: share.requiresPassword ? 'Your access ended. Enter the password again to continue.' : 'Your access ended. Open the link again to continue.',
      });
      return true;
    }
    return false;
  };

  useEffect(() => {
    document.title =
      phase.name === 'gone' ? `${terminalMessages[phase.code].title} · ShareLink` : phase.name === 'open' ? 'Shared files · ShareLink' : 'Open shared files · ShareLink';
  }, [phase]);

  if (phase.name === 'loading') {
    return (
      <Frame>
        <p class="boot" role="status">
          Opening the shared link…
        </p>
      </Frame>
    );
  }
  if (phase.name === 'gone') {
    const { title, detail } = terminalMessages[phase.code];
    return (
      <Frame>
        <section class="card recipient-card outcome" data-testid="share-outcome" data-code={phase.code}>
          <OutcomeIcon />
          <h1 data-testid="outcome-title">{title}</h1>
          <p class="muted">{detail}</p>
        </section>
      </Frame>
    );
  }
  if (phase.name === 'unavailable') {
    return (
      <Frame>
        <section class="card recipient-card outcome" data-testid="share-outcome" data-code="UNAVAILABLE">
          <h1>We could not open this link</h1>
          <p class="alert alert-error" role="alert">
            {phase.message}
          </p>
          <button type="button" class="btn btn-primary" onClick={start}>
            Try again
          </button>
        </section>
      </Frame>
    );
  }
  if (phase.name === 'locked') {
    return (
      <Frame>
        <Unlock
          shareId={shareId}
          share={phase.share}
          notice={phase.notice}
          onOpened={(token) => setPhase({ name: 'open', share: phase.share, token })}
          onFatal={(error) => handleShared(error, phase.share)}
        />
      </Frame>
    );
  }
  return (
    <Frame>
      <Files shareId={shareId} share={phase.share} token={phase.token} onFatal={(error) => handleShared(error, phase.share)} />
    </Frame>
  );
}

interface UnlockProps {
  shareId: string;
  share: PublicShare;
  notice?: string | undefined;
  onOpened: (token: string) => void;
  onFatal: (error: unknown) => boolean;
}

function Unlock({ shareId, share, notice, onOpened, onFatal }: UnlockProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await unlock(shareId, share.requiresPassword ? password : undefined));
    } catch (caught) {
      if (onFatal(caught)) return;
      setError(recipientMessage(caught));
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'WRONG_PASSWORD') {
        setPassword('');
        input.current?.focus();
      }
    }
  };

  return (
    <section class="card recipient-card">
      <ShareSummary share={share} />
      {notice && !error && (
        <p class="alert alert-info" role="status" data-testid="unlock-notice">
          {notice}
        </p>
      )}
      <form class="unlock-form" onSubmit={submit} data-testid="unlock-form">
        {share.requiresPassword ? (
          <div class="field">
            <label for="share-password">
              <LockIcon /> Password
            </label>
            <div class="input-row">
              <input
                ref={input}
                id="share-password"
                type="password"
                autocomplete="off"
                autoFocus
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'unlock-error' : 'unlock-hint'}
                data-testid="share-password"
              />
              <button type="submit" class="btn btn-primary" disabled={busy} data-testid="unlock-submit">
                {busy ? 'Checking…' : 'OK'}
              </button>
            </div>
            <p id="unlock-hint" class="hint">
              The person who shared this link gave you the password.
            </p>
          </div>
        ) : (
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="unlock-submit">
            {busy ? 'Opening…' : 'Open'}
          </button>
        )}
        {error && (
          <p id="unlock-error" class="alert alert-error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

interface FilesProps {
  shareId: string;
  share: PublicShare;
  token: string;
  onFatal: (error: unknown) => boolean;
}

interface Zipping {
  label: string;
  progress: ZipProgress;
  controller: AbortController;
}

function Files({ shareId, share, token, onFatal }: FilesProps) {
  const [path, setPath] = useState('');
  const [entries, setEntries] = useState<ShareEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [downloading, setDownloading] = useState<string>();
  const [downloadNote, setDownloadNote] = useState<{ kind: 'error' | 'info' | 'unavailable'; text: string }>();
  // Files the owner deleted after sharing: the listing still names them, downloads cannot.
  const [unavailable, setUnavailable] = useState<ReadonlySet<string>>(new Set());
  const [zipping, setZipping] = useState<Zipping>();
  // The shared folder being shown was deleted after sharing.
  const [folderGone, setFolderGone] = useState(false);
  const seq = useRef(0);

  const load = useCallback(
    async (folder: string, cursor: string | null) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(undefined);
      if (!cursor) {
        setEntries([]);
        setFolderGone(false);
      }
      try {
        const page = await listFiles(shareId, token, folder, cursor);
        if (mine !== seq.current) return;
        setFolderGone(page.unavailable === true);
        setEntries((current) => [...(cursor ? current : []), ...page.entries]);
        setNextCursor(page.nextCursor ?? null);
      } catch (caught) {
        if (mine !== seq.current || onFatal(caught)) return;
        setError(recipientMessage(caught));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [shareId, token],
  );

  useEffect(() => {
    void load(path, null);
  }, [path, load]);

  const markUnavailable = (paths: string[]) => setUnavailable((current) => new Set([...current, ...paths]));

  const download = async (entry: ShareEntry) => {
    if (!entry.fileId) return;
    setDownloading(entry.fileId);
    setDownloadNote(undefined);
    try {
      const { url } = await requestDownload(shareId, token, entry.fileId);
      // The presigned URL answers with Content-Disposition: attachment, so this downloads
      // under the alias and the page stays where it is.
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.rel = 'noopener';
      anchor.hidden = true;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setDownloadNote({ kind: 'info', text: `Downloading “${entry.name}”…` });
    } catch (caught) {
      if (onFatal(caught)) return;
      if (caught instanceof ApiError && caught.code === 'FILE_NOT_FOUND') {
        markUnavailable([entry.path]);
        setDownloadNote({ kind: 'unavailable', text: `“${entry.name}” is no longer available: the owner moved or deleted it.` });
        return;
      }
      setDownloadNote({ kind: 'error', text: recipientMessage(caught) });
    } finally {
      setDownloading(undefined);
    }
  };

  const crumbs = crumbsOf(path);
  const folderName = crumbs.length > 0 ? crumbs[crumbs.length - 1]!.name : '';

  const downloadZip = async () => {
    const label = folderName || 'Shared files';
    const controller = new AbortController();
    const start: ZipProgress = { files: 0, bytes: 0, skipped: [] };
    setDownloadNote(undefined);
    setZipping({ label, progress: start, controller });
    try {
      const outcome = await saveZip({
        shareId,
        token,
        path,
        fileName: zipNameOf(label),
        signal: controller.signal,
        onProgress: (progress) => setZipping((current) => (current && current.controller === controller ? { ...current, progress } : current)),
      });
      if (!outcome.saved) {
        setDownloadNote({ kind: 'info', text: 'Zip download cancelled.' });
        return;
      }
      const { files, bytes, skipped } = outcome.progress;
      // Rows of this folder that turned out to be deleted: mark them like single downloads do.
      markUnavailable(skipped.map((name) => (path ? `${path}${name}` : name)));
      setDownloadNote({
        kind: 'info',
        text:
          `Saved “${zipNameOf(label)}”: ${files} ${files === 1 ? 'file' : 'files'}, ${formatBytes(bytes)}.` +
          (skipped.length ? ` ${skipped.length} no longer available ${skipped.length === 1 ? 'file was' : 'files were'} left out.` : ''),
      });
    } catch (caught) {
      if (onFatal(caught)) return;
      setDownloadNote({ kind: 'error', text: `The zip could not be completed: ${recipientMessage(caught)}` });
    } finally {
      setZipping((current) => (current?.controller === controller ? undefined : current));
    }
  };

  return (
    <section class="card recipient-card recipient-files">
      <ShareSummary share={share} />
      {!share.allowDownload && (
        <p class="alert alert-info" data-testid="downloads-off">
          The owner turned off downloads. You can see the files but not download them.
        </p>
      )}
      <div class="files-toolbar">
        {crumbs.length > 0 ? (
          <nav aria-label="Folder path" class="breadcrumbs" data-testid="share-breadcrumbs">
            <ol>
              <li>
                <button type="button" class="btn-link" onClick={() => setPath('')}>
                  All files
                </button>
              </li>
              {crumbs.map((crumb, index) => (
                <li key={crumb.path}>
                  {index === crumbs.length - 1 ? (
                    <span aria-current="page">{crumb.name}</span>
                  ) : (
                    <button type="button" class="btn-link" onClick={() => setPath(crumb.path)}>
                      {crumb.name}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : (
          <span />
        )}
        {share.allowDownload && !folderGone && (
          <button
            type="button"
            class="btn btn-secondary btn-small"
            onClick={downloadZip}
            disabled={!!zipping}
            data-testid={path ? 'download-folder' : 'download-all'}
          >
            <DownloadIcon />
            <span>{path ? 'Download folder (zip)' : 'Download all (zip)'}</span>
          </button>
        )}
      </div>
      {zipping && (
        <div class="zip-progress alert alert-info" role="status" data-testid="zip-progress">
          <span data-testid="zip-progress-text">
            Zipping “{zipping.label}”: {zipping.progress.files} {zipping.progress.files === 1 ? 'file' : 'files'}, {formatBytes(zipping.progress.bytes)}…
          </span>
          <button type="button" class="btn-link" onClick={() => zipping.controller.abort()} data-testid="zip-cancel">
            Cancel
          </button>
        </div>
      )}
      {downloadNote && (
        <p
          class={`alert ${downloadNote.kind === 'error' ? 'alert-error' : downloadNote.kind === 'unavailable' ? 'alert-info' : 'alert-success'}`}
          role={downloadNote.kind === 'error' ? 'alert' : 'status'}
          data-testid="download-note"
        >
          {downloadNote.text}
        </p>
      )}
      <ul class="entry-list" data-testid="share-files" aria-busy={loading}>
        {entries.map((entry) => {
          const gone = unavailable.has(entry.path);
          return (
            <li key={entry.fileId || entry.path} class={`entry ${gone ? 'is-unavailable' : ''}`} data-testid="share-entry" data-kind={entry.kind} data-unavailable={gone ? 'true' : undefined}>
              {entry.kind === 'folder' ? (
                <button type="button" class="entry-main entry-folder" onClick={() => setPath(entry.path)} data-testid="share-folder">
                  <FolderIcon />
                  <span class="entry-title" data-testid="share-entry-name">
                    {entry.name}
                  </span>
                  <span class="entry-size muted">Folder</span>
                </button>
              ) : (
                <div class="entry-main">
                  <FileIcon />
                  <span class="entry-title" data-testid="share-entry-name">
                    {entry.name}
                  </span>
                  <span class="entry-size muted" data-testid="share-entry-size">
                    {gone ? (
                      <span class="badge badge-expired" data-testid="entry-unavailable">
                        No longer available
                      </span>
                    ) : entry.size === null ? (
                      '—'
                    ) : (
                      formatBytes(entry.size)
                    )}
                  </span>
                </div>
              )}
              {entry.kind === 'file' && entry.fileId && share.allowDownload && !gone && (
                <button
                  type="button"
                  class="btn btn-primary btn-small"
                  onClick={() => download(entry)}
                  disabled={downloading === entry.fileId}
                  aria-label={`Download ${entry.name}`}
                  data-testid="download-button"
                >
                  <DownloadIcon />
                  <span>{downloading === entry.fileId ? 'Preparing…' : 'Download'}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {loading && (
        <p class="table-state" role="status">
          Loading files…
        </p>
      )}
      {error && (
        <LoadError message={error} testId="share-files-error" onRetry={() => load(path, null)} />
      )}
      {!loading && !error && entries.length === 0 && (
        <p class="empty-state" data-testid={folderGone ? 'folder-unavailable' : 'folder-empty'}>
          {folderGone ? 'This folder is no longer available: the owner moved or deleted it.' : 'This folder is empty.'}
        </p>
      )}
      <LoadMore show={!!nextCursor && !loading} testId="share-load-more" onLoad={() => load(path, nextCursor)} />
    </section>
  );
}
