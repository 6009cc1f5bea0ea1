import { useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { createTransfer, requestDownload } from '../api.js';
import { fmt, t } from '../i18n/index.js';
import { recipientMessage } from '../lib/messages.js';
import { zipNameOf } from '../lib/zip-name.js';
import type { ZipProgress } from '../lib/zip.js';
import type { ShareEntry } from '../types.js';

export type DownloadNote = { kind: 'error' | 'info' | 'unavailable'; text: string };

export interface Zipping {
  label: string;
  progress: ZipProgress;
  /** Files in the zip, as the transfer counted them. */
  total: number;
  controller: AbortController;
}

interface DownloadOptions {
  shareId: string;
  token: string;
  /** The folder shown: what "Download folder (zip)" takes. */
  path: string;
  onFatal: (error: unknown) => boolean;
}

const isLimit = (error: unknown) => error instanceof ApiError && error.code === 'DOWNLOAD_LIMIT_REACHED';

/**
 * Downloads from the share: one file through its presigned URL, or the folder shown as one zip
 * (a transfer: checked and counted once before any byte moves). Keeps the line that says how the
 * last one went, the files found deleted meanwhile, and whether the link's limit is used up.
 */
export function useDownloads({ shareId, token, path, onFatal }: DownloadOptions) {
  const [downloading, setDownloading] = useState<string>();
  const [note, setNote] = useState<DownloadNote>();
  // Files the owner deleted after sharing: the listing still names them, downloads cannot.
  const [unavailable, setUnavailable] = useState<ReadonlySet<string>>(new Set());
  const [zipping, setZipping] = useState<Zipping>();
  const [limitReached, setLimitReached] = useState(false);

  const markUnavailable = (paths: string[]) => setUnavailable((current) => new Set([...current, ...paths]));

  /** Refusals every download can meet; true when handled. */
  const refused = (caught: unknown) => {
    if (onFatal(caught)) return true;
    if (isLimit(caught)) {
      setLimitReached(true);
      setNote({ kind: 'error', text: t('share.download.limitReached') });
      return true;
    }
    return false;
  };

  const download = async (entry: ShareEntry) => {
    if (!entry.fileId) return;
    setDownloading(entry.fileId);
    setNote(undefined);
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
      setNote({ kind: 'info', text: t('share.download.started', { name: entry.name }) });
    } catch (caught) {
      if (refused(caught)) return;
      if (caught instanceof ApiError && caught.code === 'FILE_NOT_FOUND') {
        markUnavailable([entry.path]);
        setNote({ kind: 'unavailable', text: t('share.download.gone', { name: entry.name }) });
        return;
      }
      setNote({ kind: 'error', text: recipientMessage(caught) });
    } finally {
      setDownloading(undefined);
    }
  };

  /** Zips the folder shown; `label` names the zip ("Shared files" at the top). */
  const downloadZip = async (label: string) => {
    const controller = new AbortController();
    const start: ZipProgress = { files: 0, bytes: 0, skipped: [] };
    const folder = path;
    setNote(undefined);
    setZipping({ label, progress: start, total: 0, controller });
    try {
      // Counted once, up front: a refusal arrives before any byte moves.
      const grant = await createTransfer(shareId, token, folder ? [folder] : undefined);
      setZipping((current) => (current?.controller === controller ? { ...current, total: grant.fileCount } : current));
      // client-zip loads only when a zip is made: the page's first load stays small.
      const { saveZip } = await import('../lib/zip.js');
      const outcome = await saveZip({
        shareId,
        token,
        transferId: grant.transferId,
        fileName: zipNameOf(label),
        signal: controller.signal,
        onProgress: (progress) =>
          setZipping((current) => (current && current.controller === controller ? { ...current, progress } : current)),
      });
      if (!outcome.saved) {
        setNote({ kind: 'info', text: t('share.zip.cancelled') });
        return;
      }
      const { files, bytes, skipped } = outcome.progress;
      // Rows of this folder that turned out to be deleted: mark them like single downloads do.
      markUnavailable(skipped.map((name) => `${folder}${name}`));
      setNote({
        kind: 'info',
        text:
          t('share.zip.saved', { name: zipNameOf(label), count: files, size: fmt().formatBytes(bytes) }) +
          (skipped.length ? ` ${t('share.zip.skipped', { count: skipped.length })}` : ''),
      });
    } catch (caught) {
      if (refused(caught)) return;
      setNote({ kind: 'error', text: t('share.zip.failed', { reason: recipientMessage(caught) }) });
    } finally {
      setZipping((current) => (current?.controller === controller ? undefined : current));
    }
  };

  /** A notice belongs to where it was given: moving to another folder clears it. */
  const clearNote = () => setNote(undefined);

  return { downloading, note, unavailable, zipping, limitReached, download, downloadZip, clearNote };
}
