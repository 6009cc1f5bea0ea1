import { requestAccess } from '../api.js';

/**
 * The uploader's visit: a device id, and the token and name of each unlocked request, kept for
 * the tab (sessionStorage), so a reload continues the same visit.
 */
const DEVICE_KEY = 'sharelink.deviceId';
const visitKey = (requestId: string) => `sharelink.request.${requestId}`;

export interface Visit {
  token: string;
  name: string;
}

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain-http LAN access still deserves a random id.
  return [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function deviceId(): string {
  try {
    const known = localStorage.getItem(DEVICE_KEY);
    if (known) return known;
    const id = randomId();
    localStorage.setItem(DEVICE_KEY, id);
    return id;
  } catch {
    return randomId();
  }
}

export function storedVisit(requestId: string): Visit | undefined {
  try {
    const visit = JSON.parse(sessionStorage.getItem(visitKey(requestId)) ?? 'null') as Partial<Visit> | null;
    return visit && typeof visit.token === 'string' && typeof visit.name === 'string'
      ? { token: visit.token, name: visit.name }
      : undefined;
  } catch {
    return undefined;
  }
}

export const forgetVisit = (requestId: string) => sessionStorage.removeItem(visitKey(requestId));

/** Unlocks the request as `name` (with the password when it has one) and keeps the visit for this tab. */
export async function unlock(requestId: string, form: { name: string; email: string; password?: string }): Promise<Visit> {
  const email = form.email.trim();
  const { token } = await requestAccess(requestId, {
    name: form.name.trim(),
    deviceId: deviceId(),
    ...(email ? { email } : {}),
    ...(form.password === undefined ? {} : { password: form.password }),
  });
  const visit = { token, name: form.name.trim().normalize('NFC') };
  try {
    sessionStorage.setItem(visitKey(requestId), JSON.stringify(visit));
  } catch {
    // Storage off: the visit lasts as long as the page.
  }
  return visit;
}
