/**
 * "Email me when files arrive": one email per uploader visit, listing the files. Uploads mark
 * their visit idle when nothing of it is in flight any more (`requests/uploads.ts`); that change
 * reaches the notify function through the table stream. The function waits a moment and reads
 * the visit again, so a visit between two of its files (the page starts the next one at once)
 * is not taken for finished; what was emailed is counted on the visit, so a retry sends nothing twice.
 */
import { formatSize } from '../files/uploads.js';
import type { Mailer, NotifyLog, RequestRepository } from '../ports.js';
import type { RequestUpload } from '../requests/request.js';
import type { Locale } from '../locale.js';
import { escapeHtml, formatInstant, htmlText, layout, strong, subjectLine, type RenderedEmail } from './email-templates.js';
import { emailTexts } from './i18n/index.js';

/** How long a visit must stay idle before its email goes out. */
export const VISIT_SETTLE_MS = 2000;
const MAX_LISTED_FILES = 50;

/** "512 B", "1.5 MiB": small files in bytes, the rest as the limits are written. */
const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : formatSize(bytes));

export interface UploadEmailJob {
  kind: 'uploads';
  requestId: string;
  visitId: string;
}

export interface UploadEmailDeps {
  requests: RequestRepository;
  /** The sender at send time (`notifications.ts`: the administrator's, else the owner's own). */
  senderFor: (ownerId: string) => Promise<string | null>;
  mailer: Mailer;
  baseUrl: string;
  now: () => number;
  log: NotifyLog;
  /** Waits (tests pass one that does not). */
  pause?: (ms: number) => Promise<void>;
}

export interface UploadEmailInput {
  uploader: string;
  uploaderEmail: string | null;
  title: string;
  files: { name: string; size: number }[];
  at: string;
  /** The uploader's folder in the owner's files, and the request's page. */
  folderLink: string;
  folderLabel: string;
  requestLink: string;
  /** The owner's language when creating the request. */
  locale?: Locale | undefined;
}

/** The owner's email for one visit's files. */
export function uploadEmail(input: UploadEmailInput): RenderedEmail {
  const count = input.files.length;
  const bytes = input.files.reduce((sum, file) => sum + file.size, 0);
  const texts = emailTexts(input.locale);
  const { locale } = texts;
  const subject = subjectLine(
    count === 1
      ? texts.text('upload.subjectOne', { uploader: input.uploader, name: input.files[0]!.name, title: input.title })
      : texts.text('upload.subjectMany', { uploader: input.uploader, count, title: input.title }),
  );
  const who = input.uploaderEmail ? `${input.uploader} (${input.uploaderEmail})` : input.uploader;
  const listed = input.files.slice(0, MAX_LISTED_FILES);
  const more = count - listed.length;
  const line = (file: { name: string; size: number }) => `${file.name} (${sizeOf(file.size)})`;
  const sentAt = formatInstant(input.at, locale);
  const text = [
    texts.text('upload.intro', { who, count, size: sizeOf(bytes), title: texts.text('quoted', { text: input.title }), date: sentAt }),
    '',
    ...listed.map((file) => `- ${line(file)}`),
    ...(more > 0 ? [`- ${texts.text('listMore', { count: more })}`] : []),
    '',
    texts.text('upload.folder', { folder: input.folderLabel, link: input.folderLink }),
    texts.text('upload.request', { link: input.requestLink }),
    '',
    texts.text('footer'),
  ].join('\n');
  const html = layout(
    subject,
    [
      `<p style="margin-top:0">${htmlText(texts, 'upload.introHtml', { who: strong(who), count, size: escapeHtml(sizeOf(bytes)), title: strong(input.title) })}</p>`,
      `<ul style="padding-left:20px">${listed.map((file) => `<li>${escapeHtml(line(file))}</li>`).join('')}${more > 0 ? `<li>${htmlText(texts, 'listMore', { count: more })}</li>` : ''}</ul>`,
      `<p><a href="${escapeHtml(input.folderLink)}" style="display:inline-block;background:#0969da;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${htmlText(texts, 'upload.openFolder', { folder: escapeHtml(input.folderLabel) })}</a></p>`,
      `<p style="font-size:13px;color:#4b5563">${htmlText(texts, 'upload.sentOn', { date: escapeHtml(sentAt) })} <a href="${escapeHtml(input.requestLink)}">${htmlText(texts, 'upload.requestLink')}</a></p>`,
    ].join('\n'),
    locale,
  );
  return { subject, html, text };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `#/files/<folder>/` in the owner app, each segment encoded as the app's router does. */
function folderHref(baseUrl: string, folder: string): string {
  const segments = folder.split('/').filter(Boolean).map(encodeURIComponent);
  return `${baseUrl.replace(/\/+$/, '')}/#/files/${segments.map((segment) => `${segment}/`).join('')}`;
}

export async function sendUploadEmail(deps: UploadEmailDeps, job: UploadEmailJob): Promise<void> {
  await (deps.pause ?? wait)(VISIT_SETTLE_MS);
  const visit = await deps.requests.getVisit(job.requestId, job.visitId);
  if (!visit || visit.pending > 0 || visit.files <= visit.emailedFiles) {
    deps.log.info('No upload email yet: the visit is busy again or already emailed', { requestId: job.requestId });
    return;
  }
  const request = await deps.requests.get(job.requestId);
  if (!request?.notifyOnUpload || !request.ownerEmail) return;
  const stored = (await deps.requests.listUploads(request.id, visit.visitId, 10_000))
    .filter((upload): upload is RequestUpload & { path: string } => upload.state === 'stored' && upload.path !== undefined)
    .sort((a, b) => ((a.settledAt ?? '') < (b.settledAt ?? '') ? -1 : 1))
    .slice(visit.emailedFiles, visit.files);
  if (stored.length === 0) return;
  const from = await deps.senderFor(request.ownerId);
  if (!from) {
    // Asked for without any sender: retrying cannot help, so say so and move on.
    deps.log.warn('Upload email skipped: no sender address is configured', { requestId: request.id });
    return;
  }
  const folder = `${request.folder}${visit.uploader}/`;
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const email = uploadEmail({
    uploader: visit.uploader,
    uploaderEmail: visit.email,
    title: request.title,
    files: stored.map((upload) => ({ name: upload.storedName ?? upload.name, size: upload.size })),
    at: stored.at(-1)!.settledAt ?? new Date(deps.now()).toISOString(),
    folderLink: folderHref(baseUrl, folder),
    folderLabel: folder,
    requestLink: `${baseUrl}/#/requests/${encodeURIComponent(request.id)}`,
    locale: request.locale,
  });
  // Replies reach the uploader, when they gave an address (never the From: only verified senders send).
  await deps.mailer.send({ from, to: request.ownerEmail, ...(visit.email ? { replyTo: visit.email } : {}), ...email });
  await deps.requests.markVisitEmailed(request.id, visit.visitId, visit.files);
  deps.log.info('Sent an upload email', { requestId: request.id, count: stored.length });
}
