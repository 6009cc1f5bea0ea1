import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, randomBytes, signIn, upload } from './client.js';
import { downloadBytes, inParallel, listAll, shareAndOpen } from './files-support.js';

/** Shares of files and folders, as recipients browse and download them. */

let owner: string;
const runRoot = () => `fs-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;

beforeAll(async () => {
  owner = await signIn(inject('demoEmail'), inject('demoPassword'));
});

describe('a shared folder', () => {
  it('of 130 files and a sub-folder pages through all of them, none twice', async () => {
    const root = runRoot();
    const names = Array.from({ length: 130 }, (_, i) => `file-${String(i).padStart(3, '0')}.txt`);
    await inParallel(names, 8, (name) => upload(owner, `${root}big/${name}`, new TextEncoder().encode(name)));
    await upload(owner, `${root}big/zz-sub/inner.txt`, new TextEncoder().encode('inner'));
    const share = await shareAndOpen(owner, [{ path: `${root}big/`, alias: 'Everything' }]);

    const top = await listAll(share.id, share.token, '');
    expect(top.entries).toEqual([{ name: 'Everything', size: null, kind: 'folder', path: 'Everything/' }]);
    const { entries, pages } = await listAll(share.id, share.token, 'Everything/');
    expect(pages).toBe(2);
    const files = entries.filter((entry) => entry.kind === 'file');
    expect(files.map((entry) => entry.name).sort()).toEqual(names);
    expect(new Set(entries.map((entry) => entry.path)).size).toBe(entries.length);
    expect(new Set(files.map((entry) => entry.fileId)).size).toBe(130);
    expect(entries.filter((entry) => entry.kind === 'folder')).toEqual([
      { name: 'zz-sub', size: null, kind: 'folder', path: 'Everything/zz-sub/' },
    ]);

    const inner = await listAll(share.id, share.token, 'Everything/zz-sub/');
    expect(inner.entries).toEqual([
      expect.objectContaining({ name: 'inner.txt', kind: 'file', path: 'Everything/zz-sub/inner.txt', size: 5 }),
    ]);
  }, 120_000);

  it('never lists above the shared item: "../" and friends are a 4xx', async () => {
    const root = runRoot();
    await upload(owner, `${root}shared/in.txt`, new TextEncoder().encode('in'));
    await upload(owner, `${root}secret.txt`, new TextEncoder().encode('out'));
    const share = await shareAndOpen(owner, [{ path: `${root}shared/`, alias: 'Shared' }]);
    for (const path of ['../', 'Shared/../', 'Shared/../../', '..', 'Shared/./', 'Shared//', '/Shared/', 'Other/']) {
      const reply = await call('GET', `/api/public/shares/${share.id}/files?path=${encodeURIComponent(path)}`, { token: share.token });
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.status, path).toBeLessThan(500);
      expect(JSON.stringify(reply.body), path).not.toContain('secret');
    }
  });

  it('downloads files inside folders byte-exact under their own names', async () => {
    const root = runRoot();
    const report = randomBytes(70_000);
    const photo = randomBytes(123_457);
    await upload(owner, `${root}project/docs/Q3 report.pdf`, report);
    await upload(owner, `${root}project/photos/été 2024.jpg`, photo);
    const share = await shareAndOpen(owner, [{ path: `${root}project/`, alias: 'Project' }]);

    const docs = await listAll(share.id, share.token, 'Project/docs/');
    const photos = await listAll(share.id, share.token, 'Project/photos/');
    const first = await downloadBytes(share.id, share.token, docs.entries[0]!.fileId!);
    expect(first.bytes.equals(Buffer.from(report))).toBe(true);
    expect(first.disposition).toContain("filename*=UTF-8''Q3%20report.pdf");
    const second = await downloadBytes(share.id, share.token, photos.entries[0]!.fileId!);
    expect(second.bytes.equals(Buffer.from(photo))).toBe(true);
    expect(second.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('été 2024.jpg')}`);
  });
});

describe('a share of many items', () => {
  it('holds 1,000 files and folders under their aliases, listed 100 at a time, each usable', async () => {
    const root = runRoot();
    const files = Array.from({ length: 600 }, (_, i) => `${root}f${String(i).padStart(3, '0')}.txt`);
    const folders = Array.from({ length: 400 }, (_, i) => `${root}d${String(i).padStart(3, '0')}/`);
    await inParallel(files, 8, (path) => upload(owner, path, new TextEncoder().encode(path)));
    await inParallel(folders, 8, async (path) => {
      expect((await call('POST', '/api/folders', { token: owner, body: { path } })).status).toBe(201);
    });
    const items = [...files, ...folders].map((path, i) => ({
      path,
      alias: `Item ${String(i).padStart(4, '0')}${path.endsWith('/') ? '' : '.txt'}`,
    }));
    const share = await shareAndOpen(owner, items);

    const { entries, pages } = await listAll(share.id, share.token, '');
    expect(pages).toBe(10);
    expect(entries.map((entry) => entry.name)).toEqual(items.map((item) => item.alias));
    expect(entries.filter((entry) => entry.kind === 'folder')).toHaveLength(400);
    const lastFile = entries[599]!;
    expect(lastFile).toMatchObject({ kind: 'file', name: 'Item 0599.txt' });
    const bytes = await downloadBytes(share.id, share.token, lastFile.fileId!);
    expect(bytes.bytes.toString()).toBe(files[599]);
    expect((await listAll(share.id, share.token, 'Item 0999/')).entries).toEqual([]);

    const tooMany = await call('POST', '/api/shares', { token: owner, body: { items: [...items, { path: `${root}one-more.txt` }] } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('at most 1000 items');
  }, 240_000);
});
