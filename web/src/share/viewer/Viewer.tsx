import { useEffect, useRef, useState } from 'preact/hooks';
import { requestPreview } from '../api.js';
import { t } from '../i18n/index.js';
import { fileKindOf } from '../lib/file-kinds.js';
import { recipientMessage } from '../lib/messages.js';
import type { PreviewGrant, ShareEntry } from '../types.js';
import { MediaView } from './MediaView.js';
import { PagedImage } from './PagedImage.js';
import { TextView } from './TextView.js';

export interface ViewerProps {
  shareId: string;
  token: string;
  entries: ShareEntry[];
  index: number;
  canDownload: boolean;
  onIndex: (index: number) => void;
  onClose: () => void;
  onDownload: (entry: ShareEntry) => void;
  /** Ends the session on a failure that means the link or the token is gone; true when it did. */
  onFatal: (error: unknown) => boolean;
}

/**
 * One file at a time in a native modal <dialog> (focus kept inside, Escape closes): images
 * full-size, PDF and rendered text page by page, text and Markdown as text, video and audio in
 * the browser's own players. Arrow keys and the buttons go to the previous or next file.
 */
export function Viewer(props: ViewerProps) {
  const { shareId, token, entries, index } = props;
  const entry = entries[index]!;
  const dialog = useRef<HTMLDialogElement>(null);
  // The page belongs to its file: another file opens at page 1, with one request, not two.
  const [paging, setPaging] = useState({ fileId: entry.fileId, page: 1 });
  const page = paging.fileId === entry.fileId ? paging.page : 1;
  const setPage = (next: number) => setPaging({ fileId: entry.fileId, page: next });
  const [grant, setGrant] = useState<PreviewGrant>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  useEffect(() => {
    let current = true;
    setError(undefined);
    const kind = fileKindOf(entry.name);
    requestPreview(shareId, token, entry.fileId!, kind === 'pdf' || kind === 'text' ? page : undefined).then(
      (found) => current && setGrant(found),
      (caught: unknown) => {
        if (!current || props.onFatal(caught)) return;
        setGrant(undefined);
        setError(recipientMessage(caught));
      },
    );
    return () => {
      current = false;
    };
  }, [shareId, token, entry.fileId, page]);

  const go = (step: number) => {
    const next = index + step;
    if (next >= 0 && next < entries.length) {
      setGrant(undefined);
      props.onIndex(next);
    }
  };
  /** The media players ask again when their URL expires (5 minutes). */
  const refresh = () => requestPreview(shareId, token, entry.fileId!).then((found) => found.url);
  const current = grant && error === undefined ? grant : undefined;

  return (
    <dialog
      ref={dialog}
      class="viewer"
      aria-labelledby="viewer-title"
      data-testid="viewer"
      data-kind={current?.kind}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onKeyDown={(event) => {
        const target = event.target as HTMLElement;
        if (target.tagName === 'VIDEO' || target.tagName === 'AUDIO' || target.tagName === 'INPUT') return;
        if (event.key === 'ArrowLeft') go(-1);
        if (event.key === 'ArrowRight') go(1);
      }}
    >
      <header class="viewer-header">
        <h2 id="viewer-title" class="viewer-title" data-testid="viewer-title">
          {entry.name}
        </h2>
        <span class="viewer-position muted">{t('share.viewer.position', { index: index + 1, total: entries.length })}</span>
        <div class="viewer-actions">
          <button
            type="button"
            class="btn btn-secondary btn-small"
            onClick={() => go(-1)}
            disabled={index === 0}
            data-testid="viewer-previous"
          >
            {t('share.viewer.previous')}
          </button>
          <button
            type="button"
            class="btn btn-secondary btn-small"
            onClick={() => go(1)}
            disabled={index === entries.length - 1}
            data-testid="viewer-next"
          >
            {t('share.viewer.next')}
          </button>
          {props.canDownload && (
            <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onDownload(entry)} data-testid="viewer-download">
              {t('share.viewer.download')}
            </button>
          )}
          <button type="button" class="btn btn-primary btn-small" onClick={props.onClose} data-testid="viewer-close">
            {t('share.viewer.close')}
          </button>
        </div>
      </header>
      <div class="viewer-body">
        {error && (
          <p class="alert alert-info" role="status" data-testid="viewer-error">
            {error}
          </p>
        )}
        {!error && !current && (
          <p class="viewer-state muted" role="status">
            {t('share.viewer.loading')}
          </p>
        )}
        {current && <Shown grant={current} entry={entry} page={page} onPage={setPage} refresh={refresh} secure={!props.canDownload} />}
      </div>
    </dialog>
  );
}

function Shown(props: {
  grant: PreviewGrant;
  entry: ShareEntry;
  page: number;
  onPage: (page: number) => void;
  refresh: () => Promise<string>;
  /** Downloads off or used up. */
  secure: boolean;
}) {
  const { grant, entry } = props;
  if (grant.rendered) return <PagedImage grant={grant} name={entry.name} page={props.page} onPage={props.onPage} secure={props.secure} />;
  if (grant.kind === 'video' || grant.kind === 'audio')
    return <MediaView kind={grant.kind} url={grant.url} name={entry.name} refresh={props.refresh} />;
  if (grant.kind === 'text') return <TextView url={grant.url} name={entry.name} />;
  return <img class="viewer-image" src={grant.url} alt={entry.name} data-testid="viewer-image" />;
}
