import { useState } from 'preact/hooks';
import { formatBytes } from '../../common/format.js';
import { ApiError } from '../../common/http.js';
import { requestDownload } from '../api.js';
import { recipientMessage } from '../lib/messages.js';
import { saveZip, zipNameOf, type ZipProgress } from '../lib/zip.js';
import type { ShareEntry } from '../types.js';

export type DownloadNote = { kind: 'error' | 'info' | 'unavailable'; text: string };

export interface Zipping {
  label: string;
  progress: ZipProgress;
  controller: AbortController;
}

interface DownloadOptions {
  shareId: string;
  token: string;
  /** The folder shown: what "Download folder (zip)" takes. */
  path: string;
  onFatal: (error: unknown) => boolean;
}

/**
 * Downloads from the share: one file through its presigned URL, or the folder shown as a zip.
 * Keeps the line that says how the last one went, and the files found deleted meanwhile.
 */
export function useDownloads({ shareId, token, path, onFatal }: DownloadOptions) {
  const [downloading, setDownloading] = useState<string>();
  const [note, setNote] = useState<DownloadNote>();
  // Files the owner deleted after sharing: the listing still names them, downloads cannot.
  const [unavailable, setUnavailable] = useState<ReadonlySet<string>>(new Set());
  const [zipping, setZipping] = useState<Zipping>();

  const markUnavailable = (paths: string[]) => setUnavailable((current) => new Set([...current, ...paths]));

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
      setNote({ kind: 'info', text: `Downloading “${entry.name}”…` });
    } catch (caught) {
      if (onFatal(caught)) return;
      if (caught instanceof ApiError && caught.code === 'FILE_NOT_FOUND') {
        markUnavailable([entry.path]);
        setNote({ kind: 'unavailable', text: `“${entry.name}” is no longer available: the owner moved or deleted it.` });
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
    setNote(undefined);
    setZipping({ label, progress: start, controller });
    try {
      const outcome = await saveZip({
        shareId,
        token,
        path,
        fileName: zipNameOf(label),
        signal: controller.signal,
        onProgress: (progress) =>
          setZipping((current) => (current && current.controller === controller ? { ...current, progress } : current)),
      });
      if (!outcome.saved) {
        setNote({ kind: 'info', text: 'Zip download cancelled.' });
        return;
      }
      const { files, bytes, skipped } = outcome.progress;
      // Rows of this folder that turned out to be deleted: mark them like single downloads do.
      markUnavailable(skipped.map((name) => (path ? `${path}${name}` : name)));
      setNote({
        kind: 'info',
        text:
          `Saved “${zipNameOf(label)}”: ${files} ${files === 1 ? 'file' : 'files'}, ${formatBytes(bytes)}.` +
          (skipped.length ? ` ${skipped.length} no longer available ${skipped.length === 1 ? 'file was' : 'files were'} left out.` : ''),
      });
    } catch (caught) {
      if (onFatal(caught)) return;
      setNote({ kind: 'error', text: `The zip could not be completed: ${recipientMessage(caught)}` });
    } finally {
      setZipping((current) => (current?.controller === controller ? undefined : current));
    }
  };

  return { downloading, note, unavailable, zipping, download, downloadZip };
}
