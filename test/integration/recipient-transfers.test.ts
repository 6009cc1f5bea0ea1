/**
 * Zip transfers against the local runtime (DynamoDB Local runs the transaction): a transfer is
 * checked and counted once, up front; its pages give every file's path inside the zip (aliases
 * applied) and a presigned GET whose bytes are exactly what was uploaded; 20 parallel transfers
 * on a limit of 3 make exactly 3; a transfer is its device's only; one alert email per transfer.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, deviceId, randomBytes, signIn, upload, uniquePath } from './client.js';
import { proveSender, storedEmails, waitForEmails } from './notifications-inbox.js';

const inboxUrl = inject('inboxUrl');
const demoEmail = inject('demoEmail');
const USER_SENDER = 'demo.transfers@example.com';

let owner: string;

beforeAll(async () => {
  owner = await signIn(demoEmail, inject('demoPassword'));
  // An owner's own sender must be proven: the code from the local inbox.
  await proveSender(inject('baseUrl'), inject('inboxUrl'), owner, USER_SENDER);
});

afterAll(async () => {
  expect((await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: null } })).status).toBe(200);
});

interface Tree {
  root: string;
  files: Record<string, Uint8Array>;
}

/** Uploads `files` (paths relative to a fresh folder) and returns the folder. */
async function uploadTree(files: Record<string, Uint8Array>): Promise<Tree> {
  const root = uniquePath('tree').replace(/\/tree$/, '/');
  for (const [relative, bytes] of Object.entries(files)) await upload(owner, `${root}${relative}`, bytes);
  return { root, files };
}

async function createShare(body: Record<string, unknown>) {
  const reply = await call('POST', '/api/shares', { token: owner, body: { password: { mode: 'none' }, ...body } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id as string;
}

async function open(id: string, device = deviceId()) {
  const access = await call('POST', `/api/public/shares/${id}/access`, { body: { deviceId: device } });
  expect(access.status).toBe(200);
  return access.body.token as string;
}

const startTransfer = (id: string, token: string, paths?: string[]) =>
  call('POST', `/api/public/shares/${id}/transfers`, { token, body: paths ? { paths } : {} });

/** Every page of a transfer, following nextCursor. */
async function pagesOf(id: string, token: string, transferId: string) {
  const pages: { path: string; size: number; url: string }[][] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const reply = await call('GET', `/api/public/shares/${id}/transfers/${transferId}/files${query}`, { token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    pages.push(reply.body.files);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return pages;
}

const ownerView = async (id: string) => (await call('GET', `/api/shares/${id}`, { token: owner })).body;
const events = async (id: string) =>
  (await call('GET', `/api/shares/${id}/events`, { token: owner })).body.events as Record<string, unknown>[];

describe('a zip transfer', () => {
  it('gives every file of a folder and a loose file, aliases applied, byte for byte; counted once, refused up front after', async () => {
    const tree = await uploadTree({
      'a.txt': new TextEncoder().encode('alpha\n'),
      'sub/b.bin': randomBytes(70_000),
      'sub/deeper/c.bin': randomBytes(1_300_000),
    });
    const loose = uniquePath('loose.csv');
    const looseBytes = randomBytes(999);
    await upload(owner, loose, looseBytes);
    const id = await createShare({
      items: [
        { path: tree.root, alias: 'Project files' },
        { path: loose, alias: 'Figures.csv' },
      ],
      maxDownloads: 1,
    });
    const token = await open(id);

    const created = await startTransfer(id, token);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const expected: Record<string, Uint8Array> = { 'Figures.csv': looseBytes };
    for (const [relative, bytes] of Object.entries(tree.files)) expected[`Project files/${relative}`] = bytes;
    const totalBytes = Object.values(expected).reduce((sum, bytes) => sum + bytes.byteLength, 0);
    expect(created.body).toEqual({ transferId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), fileCount: 4, totalBytes });

    const files = (await pagesOf(id, token, created.body.transferId)).flat();
    expect(files.map((file) => file.path).sort()).toEqual(Object.keys(expected).sort());
    for (const file of files) {
      expect(file.size, file.path).toBe(expected[file.path]!.byteLength);
      const response = await fetch(file.url);
      expect(response.status, file.path).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(expected[file.path]!)), file.path).toBe(true);
      expect(new URL(file.url).searchParams.get('X-Amz-Expires')).toBe('300');
    }

    // Counted once, logged once with its file count; the limit of 1 is now used up.
    expect((await ownerView(id)).downloadCount).toBe(1);
    const downloads = (await events(id)).filter((event) => event.kind === 'download');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({ fileCount: 4, file: expect.stringContaining('Project files/') });

    const refused = await startTransfer(id, token, ['Project files/']);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('DOWNLOAD_LIMIT_REACHED');
    const single = await call('POST', `/api/public/shares/${id}/downloads`, {
      token,
      body: { fileId: (await call('GET', `/api/public/shares/${id}/files`, { token })).body.entries[1].fileId },
    });
    expect(single.body.error.code).toBe('DOWNLOAD_LIMIT_REACHED');
    // The transfer counted before stays readable for its hour.
    expect((await pagesOf(id, token, created.body.transferId)).flat()).toHaveLength(4);
  });

  it("puts one folder's contents at the zip's root, walks a 250-file folder 100 at a time, and keeps empty folders", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 250; i++) files[`many/f${String(i).padStart(3, '0')}.txt`] = new TextEncoder().encode(`file ${i}\n`);
    const tree = await uploadTree(files);
    expect((await call('POST', '/api/folders', { token: owner, body: { path: `${tree.root}many/empty/` } })).status).toBe(201);
    const id = await createShare({ items: [{ path: tree.root, alias: 'Archive' }] });
    const token = await open(id);
    const created = await startTransfer(id, token, ['Archive/many/']);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.fileCount).toBe(250);
    const pages = await pagesOf(id, token, created.body.transferId);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 51]);
    const paths = pages.flat().map((file) => file.path);
    expect(new Set(paths).size).toBe(251);
    expect(paths).toContain('f000.txt');
    expect(paths).toContain('empty/');
    expect(paths.every((path) => !path.startsWith('many/'))).toBe(true);
  });

  it('counts exactly 3 of 20 parallel transfers on a limit of 3, and refuses the rest before any byte', async () => {
    const path = uniquePath('race.bin');
    await upload(owner, path, randomBytes(100));
    const id = await createShare({ items: [{ path, alias: 'race.bin' }], maxDownloads: 3 });
    const token = await open(id);
    const replies = await Promise.all(Array.from({ length: 20 }, () => startTransfer(id, token)));
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 403)).toHaveLength(17);
    for (const reply of replies.filter((r) => r.status === 403)) expect(reply.body.error.code).toBe('DOWNLOAD_LIMIT_REACHED');
    expect((await ownerView(id)).downloadCount).toBe(3);
  });

  it('is refused when downloads are off, and usable by its own device only', async () => {
    const path = uniquePath('private.txt');
    await upload(owner, path, new TextEncoder().encode('private\n'));
    const off = await createShare({ items: [{ path, alias: 'private.txt' }], allowDownload: false });
    const refused = await startTransfer(off, await open(off));
    expect([refused.status, refused.body.error.code]).toEqual([403, 'DOWNLOAD_DISABLED']);
    expect((await ownerView(off)).downloadCount).toBe(0);

    const on = await createShare({ items: [{ path, alias: 'private.txt' }] });
    const mine = await open(on);
    const created = await startTransfer(on, mine);
    expect(created.status).toBe(201);
    const theirs = await open(on);
    const foreign = await call('GET', `/api/public/shares/${on}/transfers/${created.body.transferId}/files`, { token: theirs });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'TRANSFER_NOT_FOUND']);
    const unknown = await startTransfer(on, mine, ['nothing-here.txt']);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('sends the owner one alert email per transfer, naming its folders and file count', async () => {
    const tree = await uploadTree({ 'one.txt': randomBytes(10), 'two.txt': randomBytes(20), 'three/x.txt': randomBytes(30) });
    const id = await createShare({ items: [{ path: tree.root, alias: 'Shared folder' }], notifyOnDownload: true });
    const token = await open(id);
    expect((await startTransfer(id, token)).status).toBe(201);
    const mine = (email: { body: { text?: string } }) => email.body.text!.includes(`/#/links/${id}`);
    const [alert] = await waitForEmails(inboxUrl, mine);
    expect(alert!.subject).toBe('Downloaded as a zip: All files (Shared folder/) (3 files)');
    expect(alert!.body.text).toContain('Someone downloaded 3 files as one zip');
    expect(alert!.body.text).toContain('- Shared folder/');
    // A second zip from the same recipient within 10 minutes: in the log, no second email.
    expect((await startTransfer(id, token, ['Shared folder/three/'])).status).toBe(201);
    const marker = await createShare({ items: [{ path: `${tree.root}one.txt` }], notifyOnDownload: true });
    expect((await startTransfer(marker, await open(marker))).status).toBe(201);
    await waitForEmails(inboxUrl, (email) => email.body.text!.includes(`/#/links/${marker}`));
    expect((await storedEmails(inboxUrl)).filter(mine)).toHaveLength(1);
    expect((await events(id)).filter((event) => event.kind === 'download')).toHaveLength(2);
  });
});
