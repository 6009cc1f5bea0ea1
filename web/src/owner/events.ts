import type { ShareEvent } from './types.js';

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
};

export type EventTone = 'ok' | 'denied';

export interface DescribedEvent {
  tone: EventTone;
  /** "Downloaded", "Refused: wrong password". */
  text: string;
}

export function describeEvent(event: ShareEvent): DescribedEvent {
  if (event.kind === 'unlock') return { tone: 'ok', text: 'Opened the link' };
  if (event.kind === 'download') return { tone: 'ok', text: 'Downloaded' };
  if (event.kind === 'preview') return { tone: 'ok', text: 'Previewed' };
  if (event.kind.startsWith('denied:')) {
    const code = event.kind.slice('denied:'.length);
    const reason = refusalReasons[code] ?? code.toLowerCase().replace(/_/g, ' ');
    return { tone: 'denied', text: `Refused: ${reason}` };
  }
  return { tone: 'ok', text: event.kind };
}

/** The first characters of the client hash: enough to tell recipients apart in one log. */
export function shortClient(client: string): string {
  return client.length > 10 ? client.slice(0, 10) : client;
}

const browsers: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/curl\/([\d.]+)/, 'curl'],
];

const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome 140 · Linux" for a browser's long User-Agent; the raw text, cut short, otherwise. */
export function shortUserAgent(userAgent: string): string {
  if (!userAgent) return 'Unknown';
  const browser = browsers.find(([pattern]) => pattern.test(userAgent));
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser) {
    const version = browser[0].exec(userAgent)?.[1];
    const name = version ? `${browser[1]} ${version}` : browser[1];
    return system ? `${name} · ${system}` : name;
  }
  return userAgent.length > 32 ? `${userAgent.slice(0, 31)}…` : userAgent;
}
