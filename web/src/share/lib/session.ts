import { requestAccess } from '../api.js';

/**
 * The recipient's hold on a link: a device id that a device-bound link recognises, and the
 * access token for each unlocked link, kept for the tab (sessionStorage).
 */
const DEVICE_KEY = 'sharelink.deviceId';
const tokenKey = (shareId: string) => `sharelink.share.${shareId}`;

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain-http LAN access still deserves a random id.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** One id per browser profile, so a device-bound link recognises this device next time. */
export function deviceId(): string {
  let id: string | null = null;
  try {
    id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = randomId();
      localStorage.setItem(DEVICE_KEY, id);
    }
  } catch {
    // Storage disabled: a per-page id still lets a non-bound link open.
    id ??= randomId();
  }
  return id;
}

export const storedToken = (shareId: string) => sessionStorage.getItem(tokenKey(shareId));
export const forgetToken = (shareId: string) => sessionStorage.removeItem(tokenKey(shareId));

/** Opens the link (with its password when it has one) and keeps the token for this tab. */
export async function unlock(shareId: string, password: string | undefined, partner?: { email: string; code: string }): Promise<string> {
  const body = { ...(password === undefined ? { deviceId: deviceId() } : { password, deviceId: deviceId() }), ...partner };
  const { token } = await requestAccess(shareId, body);
  sessionStorage.setItem(tokenKey(shareId), token);
  return token;
}
