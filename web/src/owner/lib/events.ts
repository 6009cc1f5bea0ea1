import type { ShareEvent } from '../types.js';
import { describeUserAgent } from '../../../../functions/lib/domain/user-agent.js';

/** Refusals in words an owner understands, by the API's error code. */
const refusalReasons: Record<string, string> = {
  WRONG_PASSWORD: 'wrong password',
  TOO_MANY_ATTEMPTS: 'too many wrong passwords, locked for 15 minutes',
  DEVICE_BOUND: 'the link is bound to another device',
  SHARE_EXPIRED: 'the link had expired',
  SHARE_CANCELLED: 'the link was cancelled',
  DOWNLOAD_DISABLED: 'downloads are turned off',
  DOWNLOAD_LIMIT_REACHED: 'the download limit was reached',
  INVALID_TOKEN: 'their access had ended',
  REQUEST_CLOSED: 'the request was closed',
  REQUEST_EXPIRED: 'the request had expired',
  REQUEST_FULL: 'the request had all its files',
  PAYLOAD_TOO_LARGE: 'the file was too large',
};

export type EventTone = 'ok' | 'denied';

export interface DescribedEvent {
  tone: EventTone;
  /** "Downloaded", "Refused: wrong password". */
  text: string;
}

export function describeEvent(event: ShareEvent): DescribedEvent {
  const who = 'uploader' in event && event.uploader ? `${event.uploader}: ` : '';
  if (event.kind === 'unlock') return { tone: 'ok', text: `${who}Opened the link` };
  if (event.kind === 'upload') return { tone: 'ok', text: `${who}Uploaded` };
  if (event.kind === 'download') return { tone: 'ok', text: 'Downloaded' };
  if (event.kind === 'preview') return { tone: 'ok', text: 'Previewed' };
  if (event.kind.startsWith('denied:')) {
    const code = event.kind.slice('denied:'.length);
    const reason = refusalReasons[code] ?? code.toLowerCase().replace(/_/g, ' ');
    return { tone: 'denied', text: `${who}Refused: ${reason}` };
  }
  return { tone: 'ok', text: event.kind };
}

/** The first characters of the client hash: enough to tell recipients apart in one log. */
export function shortClient(client: string): string {
  return client.length > 10 ? client.slice(0, 10) : client;
}

/** "Chrome 140 · Linux" for a browser's long User-Agent; the raw text, cut short, otherwise. */
export function shortUserAgent(userAgent: string): string {
  return describeUserAgent(userAgent, { separator: ' · ', maxLength: 32, unknown: 'Unknown' });
}
