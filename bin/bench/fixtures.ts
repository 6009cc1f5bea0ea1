/**
 * What every benchmark part needs in the local runtime: signed-in demo and admin users,
 * a few files, a password-protected share of a file, a text file and a folder, unlocked
 * once, and a spare share to cancel. Made through the API, as a person would.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { LocalRuntime } from '../local/runtime.js';
import { apiClient, claimsOf, signIn, siteConfig, upload, type Api, type Claims, type SiteConfig } from './api.js';

export const SHARE_PASSWORD = 'bench-password-1';
export const FOLDER_ALIAS = 'Photos';

export interface SignedIn {
  token: string;
  claims: Claims;
  userId: string;
}

export interface Fixtures {
  api: Api;
  config: SiteConfig;
  demo: SignedIn;
  admin: SignedIn;
  share: {
    id: string;
    token: string;
    deviceId: string;
    /** A 64 KiB file shared by itself (alias "Report.pdf"). */
    reportFileId: string;
    /** A text file, so previews have something to show. */
    notesFileId: string;
  };
  /** A share the cold-start events may cancel and delete. */
  spareShareId: string;
  /** A multipart upload started (no parts sent) for the upload routes' events. */
  multipart: { path: string; uploadId: string };
}

async function signedIn(config: SiteConfig, email: string, password: string): Promise<SignedIn> {
  const token = await signIn(config, email, password);
  const claims = claimsOf(token);
  if (typeof claims.sub !== 'string') throw new Error(`no sub in ${email}'s token`);
  return { token, claims, userId: claims.sub };
}

export async function unlock(api: Api, shareId: string, deviceId: string): Promise<string> {
  const { token } = await api.ok<{ token: string }>('POST', `/api/public/shares/${shareId}/access`, {
    body: { password: SHARE_PASSWORD, deviceId },
  });
  return token;
}

export async function createFixtures(runtime: LocalRuntime): Promise<Fixtures> {
  const api = apiClient(runtime.url);
  const config = await siteConfig(runtime.url);
  const [demo, admin] = await Promise.all([
    signedIn(config, runtime.demo.email, runtime.demo.password),
    signedIn(config, runtime.admin.email, runtime.admin.password),
  ]);

  await upload(api, demo.token, 'bench/report.pdf', randomBytes(64 * 1024), 'application/pdf');
  await upload(api, demo.token, 'bench/notes.txt', new TextEncoder().encode('Meeting notes\n'.repeat(40)), 'text/plain');
  for (const name of ['a.jpg', 'b.jpg', 'c.jpg']) {
    await upload(api, demo.token, `bench/photos/${name}`, randomBytes(8 * 1024), 'image/jpeg');
  }
  const created = await api.ok<{ id: string }>('POST', '/api/shares', {
    token: demo.token,
    body: {
      items: [
        { path: 'bench/report.pdf', alias: 'Report.pdf' },
        { path: 'bench/notes.txt' },
        { path: 'bench/photos/', alias: FOLDER_ALIAS },
      ],
      password: { mode: 'custom', value: SHARE_PASSWORD },
      expiry: { days: 7 },
      allowDownload: true,
    },
  });
  const spare = await api.ok<{ id: string }>('POST', '/api/shares', {
    token: demo.token,
    body: { items: [{ path: 'bench/notes.txt' }], password: { mode: 'custom', value: SHARE_PASSWORD }, expiry: { days: 1 } },
  });

  const multipartPath = 'bench/large.bin';
  const multipart = await api.ok<{ uploadId?: string }>('POST', '/api/files/uploads', {
    token: demo.token,
    body: { path: multipartPath, size: 20 * 1024 * 1024, contentType: 'application/octet-stream' },
  });

  const deviceId = randomUUID();
  const token = await unlock(api, created.id, deviceId);
  const root = await api.ok<{ entries: { fileId?: string; name: string }[] }>('GET', `/api/public/shares/${created.id}/files?path=`, {
    token,
  });
  const fileIdOf = (name: string) => {
    const fileId = root.entries.find((entry) => entry.name === name)?.fileId;
    if (!fileId) throw new Error(`the share's root has no file named ${name}`);
    return fileId;
  };

  return {
    api,
    config,
    demo,
    admin,
    share: { id: created.id, token, deviceId, reportFileId: fileIdOf('Report.pdf'), notesFileId: fileIdOf('notes.txt') },
    spareShareId: spare.id,
    multipart: { path: multipartPath, uploadId: multipart.uploadId ?? '' },
  };
}
