import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, randomBytes, signIn, upload } from './client.js';

/** The owner's file space over HTTP: folders, listing, recursive delete, validation. */

let owner: string;
let otherOwner: string;
const runRoot = () => `ff-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
const text = (value: string) => new TextEncoder().encode(value);
const list = (token: string, prefix: string) => call('GET', `/api/files?prefix=${encodeURIComponent(prefix)}`, { token });

beforeAll(async () => {
  owner = await signIn(inject('demoEmail'), inject('demoPassword'));
  otherOwner = await signIn(inject('adminEmail'), inject('demoPassword'));
});

describe('folders', () => {
  it('creates an empty folder (201) that lists as a folder, and refuses to create it twice (409)', async () => {
    const root = runRoot();
    const created = await call('POST', '/api/folders', { token: owner, body: { path: `${root}Reports` } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ path: `${root}Reports/`, name: 'Reports' });
    const listing = await list(owner, root);
    expect(listing.body).toMatchObject({ folders: [`${root}Reports/`], files: [] });
    expect((await list(owner, `${root}Reports/`)).body).toMatchObject({ folders: [], files: [] });

    const again = await call('POST', '/api/folders', { token: owner, body: { path: `${root}Reports/` } });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: 'CONFLICT', message: 'A folder named "Reports" already exists here.' });
  });

  it('refuses a folder where a file of that name exists, and a folder that exists only through its files', async () => {
    const root = runRoot();
    await upload(owner, `${root}notes`, text('a file called notes'));
    await upload(owner, `${root}photos/cat.jpg`, text('meow'));
    expect((await call('POST', '/api/folders', { token: owner, body: { path: `${root}notes/` } })).body.error.message).toBe(
      'A file named "notes" already exists here.',
    );
    expect((await call('POST', '/api/folders', { token: owner, body: { path: `${root}photos/` } })).status).toBe(409);
  });

  it('lists a folder that holds only folders, as S3 does (stock s3rver left it out)', async () => {
    const root = runRoot();
    await upload(owner, `${root}photos/2024/summer/beach.jpg`, text('sand'));
    expect((await list(owner, root)).body).toMatchObject({ folders: [`${root}photos/`], files: [] });
    expect((await list(owner, `${root}photos/`)).body).toMatchObject({ folders: [`${root}photos/2024/`], files: [] });
    expect((await list(owner, `${root}photos/2024/`)).body).toMatchObject({ folders: [`${root}photos/2024/summer/`], files: [] });
  });

  it('refuses bad folder paths with a clear 400', async () => {
    for (const [path, message] of [
      ['../outside/', 'must not contain "." or ".." segments'],
      ['', 'must not be empty'],
      ['/abs/', 'must be relative'],
      ['a\u0007b/', 'must not contain control characters'],
    ] as const) {
      const reply = await call('POST', '/api/folders', { token: owner, body: { path } });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.message, path).toContain(message);
    }
    expect((await call('POST', '/api/folders', { token: owner, body: { path: 'x/', extra: 1 } })).body.error.message).toContain(
      'extra: unknown field',
    );
  });
});

describe('deleting files and folders', () => {
  it('deletes a folder with everything below it and a single file, reporting counts and what was not there', async () => {
    const root = runRoot();
    await Promise.all([
      upload(owner, `${root}keep.txt`, text('keep')),
      upload(owner, `${root}loose.txt`, text('loose')),
      upload(owner, `${root}tree/a.txt`, text('a')),
      upload(owner, `${root}tree/sub/b.txt`, text('b')),
      upload(owner, `${root}tree/sub/deeper/c.txt`, text('c')),
    ]);
    await call('POST', '/api/folders', { token: owner, body: { path: `${root}tree/empty/` } });

    const reply = await call('DELETE', '/api/files', {
      token: owner,
      body: { paths: [`${root}tree/`, `${root}loose.txt`, `${root}never-there.txt`] },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({
      deleted: [
        { path: `${root}tree/`, objects: 4 },
        { path: `${root}loose.txt`, objects: 1 },
      ],
      notFound: [`${root}never-there.txt`],
      pending: [],
      deletedObjects: 5,
    });
    const after = await list(owner, root);
    expect(after.body).toMatchObject({ folders: [], files: [expect.objectContaining({ path: `${root}keep.txt` })] });
    expect((await list(owner, `${root}tree/sub/`)).body).toMatchObject({ folders: [], files: [] });
  });

  it("cannot reach another owner's files: the same path names the caller's own space", async () => {
    const root = runRoot();
    await upload(owner, `${root}private.txt`, text('mine'));
    const theirs = await call('DELETE', '/api/files', { token: otherOwner, body: { paths: [`${root}private.txt`, root] } });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ deleted: [], notFound: [`${root}private.txt`, root], deletedObjects: 0 });
    expect((await list(owner, root)).body.files).toHaveLength(1);
    const climbing = await call('DELETE', '/api/files', { token: otherOwner, body: { paths: ['../demo/x.txt'] } });
    expect(climbing.status).toBe(400);
    expect((await call('DELETE', '/api/files', { token: owner, body: { paths: [] } })).status).toBe(400);
  });

  it('keeps a shared file listed for recipients after deletion, and answers its download with FILE_NOT_FOUND', async () => {
    const root = runRoot();
    const bytes = randomBytes(1000);
    await upload(owner, `${root}gone.bin`, bytes);
    const created = await call('POST', '/api/shares', {
      token: owner,
      body: { items: [{ path: `${root}gone.bin`, alias: 'Soon gone.bin' }], password: { mode: 'none' } },
    });
    expect(created.status).toBe(201);
    expect((await call('DELETE', '/api/files', { token: owner, body: { paths: [`${root}gone.bin`] } })).body.deletedObjects).toBe(1);

    const access = await call('POST', `/api/public/shares/${created.body.id}/access`, { body: { deviceId: crypto.randomUUID() } });
    const entries = await call('GET', `/api/public/shares/${created.body.id}/files`, { token: access.body.token });
    expect(entries.status).toBe(200);
    expect(entries.body.entries).toEqual([expect.objectContaining({ name: 'Soon gone.bin', kind: 'file', size: 1000 })]);
    const download = await call('POST', `/api/public/shares/${created.body.id}/downloads`, {
      token: access.body.token,
      body: { fileId: entries.body.entries[0].fileId },
    });
    expect(download.status).toBe(404);
    expect(download.body.error).toEqual({
      code: 'FILE_NOT_FOUND',
      message: 'This file is no longer available: the owner moved or deleted it.',
    });
  });

  it('tells recipients that a shared folder the owner deleted is unavailable, and an empty one is only empty', async () => {
    const root = runRoot();
    await upload(owner, `${root}doomed/a.txt`, text('a'));
    await call('POST', '/api/folders', { token: owner, body: { path: `${root}blank/` } });
    const created = await call('POST', '/api/shares', {
      token: owner,
      body: {
        items: [
          { path: `${root}doomed/`, alias: 'Doomed' },
          { path: `${root}blank/`, alias: 'Blank' },
        ],
        password: { mode: 'none' },
      },
    });
    expect(created.status).toBe(201);
    expect((await call('DELETE', '/api/files', { token: owner, body: { paths: [`${root}doomed/`] } })).body.deletedObjects).toBe(1);
    const access = await call('POST', `/api/public/shares/${created.body.id}/access`, { body: { deviceId: crypto.randomUUID() } });
    const doomed = await call('GET', `/api/public/shares/${created.body.id}/files?path=Doomed%2F`, { token: access.body.token });
    expect(doomed.status).toBe(200);
    expect(doomed.body).toEqual({ entries: [], nextCursor: null, unavailable: true });
    const blank = await call('GET', `/api/public/shares/${created.body.id}/files?path=Blank%2F`, { token: access.body.token });
    expect(blank.body).toEqual({ entries: [], nextCursor: null });
  });
});
