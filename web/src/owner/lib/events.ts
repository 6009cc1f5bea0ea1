import { t } from '../i18n/index.js';
import type { ShareEvent } from '../types.js';
import { describeUserAgent } from '../../../../functions/lib/domain/user-agent.js';

type OwnerKey = Parameters<typeof t>[0];

/** Refusals in words an owner understands, by the API's error code (catalog keys: the text is read when shown). */
const refusalReasons: Record<string, OwnerKey> = {
  WRONG_PASSWORD: 'admin.event.reason.wrongPassword',
  TOO_MANY_ATTEMPTS: 'admin.event.reason.tooManyAttempts',
  DEVICE_BOUND: 'admin.event.reason.deviceBound',
  SHARE_EXPIRED: 'admin.event.reason.shareExpired',
  SHARE_CANCELLED: 'admin.event.reason.shareCancelled',
  DOWNLOAD_DISABLED: 'admin.event.reason.downloadDisabled',
  DOWNLOAD_LIMIT_REACHED: 'admin.event.reason.downloadLimit',
  INVALID_TOKEN: 'admin.event.reason.accessEnded',
  REQUEST_CLOSED: 'admin.event.reason.requestClosed',
  REQUEST_EXPIRED: 'admin.event.reason.requestExpired',
  REQUEST_FULL: 'admin.event.reason.requestFull',
  PAYLOAD_TOO_LARGE: 'admin.event.reason.tooLarge',
};

export type EventTone = 'ok' | 'denied';

export interface DescribedEvent {
  tone: EventTone;
  /** "Downloaded", "Refused: wrong password". */
  text: string;
}

export function describeEvent(event: ShareEvent): DescribedEvent {
  const uploader = 'uploader' in event && event.uploader ? event.uploader : undefined;
  const byWhom = (text: string) => (uploader ? t('admin.event.byUploader', { uploader, text }) : text);
  if (event.kind === 'unlock') return { tone: 'ok', text: byWhom(t('admin.event.opened')) };
  if (event.kind === 'upload') return { tone: 'ok', text: byWhom(t('admin.event.uploaded')) };
  if (event.kind === 'download') return { tone: 'ok', text: t('admin.event.downloaded') };
  if (event.kind === 'preview') return { tone: 'ok', text: t('admin.event.previewed') };
  if (event.kind.startsWith('denied:')) {
    const code = event.kind.slice('denied:'.length);
    const reasonKey = refusalReasons[code];
    const reason = reasonKey ? t(reasonKey) : code.toLowerCase().replace(/_/g, ' ');
    return { tone: 'denied', text: byWhom(t('admin.event.refused', { reason })) };
  }
  return { tone: 'ok', text: event.kind };
}

/** The first characters of the client hash: enough to tell recipients apart in one log. */
export function shortClient(client: string): string {
  return client.length > 10 ? client.slice(0, 10) : client;
}

/** "Chrome 140 · Linux" for a browser's long User-Agent; the raw text, cut short, otherwise. */
export function shortUserAgent(userAgent: string): string {
  return describeUserAgent(userAgent, { separator: ' · ', maxLength: 32, unknown: t('admin.event.unknownBrowser') });
}
