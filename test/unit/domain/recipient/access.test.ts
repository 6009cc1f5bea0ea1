import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../../../functions/lib/domain/passwords.js';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import {
  ATTEMPT_WINDOW_SECONDS,
  authorize,
  describeShare,
  shareIdOrNotFound,
  unlockShare,
  type RecipientDeps,
} from '../../../../functions/lib/domain/recipient/access.js';
import { createDownload, encodeFileId, listShareEntries } from '../../../../functions/lib/domain/recipient/files.js';
import type { Share } from '../../../../functions/lib/domain/share.js';
import { clientHash, deviceHash, issueToken, readToken } from '../../../../functions/lib/domain/tokens.js';
import { keys } from '../../../../functions/lib/contract/table.js';
import { LINK_WINDOW_SECONDS, MAX_FAILURES_PER_LINK } from '../../../../functions/lib/domain/throttle.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { DAY, MINUTE, NOW, OTHER_OWNER, OWNER, aShare, aShareId, failureOf } from '../../fixtures.js';

const KEY = Buffer.from('recipient-access-test-signing-key');
const PASSWORD = 'Right-pass-7';
const RECIPIENT = { sourceIp: '198.51.100.20', userAgent: 'Mozilla/5.0 (Recipient)' };
const ANOTHER_RECIPIENT = { sourceIp: '198.51.100.99', userAgent: 'curl/8.0' };
const DEVICE_A = 'device-aaaaaaaaaaaa';
const DEVICE_B = 'device-bbbbbbbbbbbb';

let passwordHash: string;
let shares: MemoryShareRepository;
let files: MemoryFileStore;
let security: MemorySecurityStore;

const depsAt = (nowMs = NOW): RecipientDeps => ({ shares, files, counters: security, outbox: security, signingKey: KEY, nowMs });
const seed = (overrides: Partial<Share> = {}) => shares.put(aShare(overrides));
const unlock = (share: Share, password: string | undefined, options: { nowMs?: number; deviceId?: string; who?: typeof RECIPIENT } = {}) =>
  unlockShare(depsAt(options.nowMs), share.id, { password, deviceId: options.deviceId ?? DEVICE_A }, options.who ?? RECIPIENT);
const bearer = (token: string) => `Bearer ${token}`;
/** Five wrong guesses from this client, the first at `atMs` (set directly: scrypt is slow). */
const exhaustAttempts = (share: Share, who = RECIPIENT, atMs = NOW) =>
  security.setFailures(keys.attempts(share.id, clientHash(KEY, who.sourceIp)), 5, Math.floor(atMs / 1000));
/** A client of its own: 198.51.100.<n>. */
const client = (n: number) => ({ sourceIp: `198.51.100.${n}`, userAgent: `client-${n}` });
const codesOf = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

beforeEach(() => {
  shares = new MemoryShareRepository();
  files = new MemoryFileStore(() => NOW);
  security = new MemorySecurityStore();
});

describe('unlocking a link', () => {
  it('gives a token for the share, the device and the password version when the password is right', async () => {
    const share = seed({ passwordHash, passwordVersion: 4 });
    const { token, expiresIn } = await unlock(share, PASSWORD);
    expect(expiresIn).toBeLessThanOrEqual(3600);
    expect(readToken(KEY, token, NOW)).toMatchObject({ sid: share.id, dev: deviceHash(DEVICE_A), pv: 4 });
    expect(shares.eventKinds(share.id)).toEqual(['unlock']);
  });

  it('needs no password for a link without one', async () => {
    const share = seed();
    const { token } = await unlock(share, undefined);
    expect(readToken(KEY, token, NOW)?.sid).toBe(share.id);
  });

  it('refuses a wrong password with 401 WRONG_PASSWORD and logs the denial', async () => {
    const share = seed({ passwordHash });
    await expect(unlock(share, 'wrong-pass-1')).rejects.toMatchObject({ code: 'WRONG_PASSWORD', status: 401 });
    expect(shares.eventKinds(share.id)).toEqual(['denied:WRONG_PASSWORD']);
    const [denial] = shares.events;
    expect(denial!.event.client).not.toContain(RECIPIENT.sourceIp);
    expect(JSON.stringify(shares.events)).not.toContain('wrong-pass-1');
  });

  it('refuses a missing password on a protected link', async () => {
    const share = seed({ passwordHash });
    await expect(unlock(share, undefined)).rejects.toMatchObject({ code: 'WRONG_PASSWORD', message: 'This link needs a password.' });
  });

  it('does not count right passwords against the limit: six unlocks in a row all succeed', async () => {
    const share = seed({ passwordHash });
    for (let i = 0; i < 6; i++) {
      await expect(unlock(share, PASSWORD, { nowMs: NOW + i * MINUTE })).resolves.toHaveProperty('token');
    }
  });

  it('refuses a sixth wrong password within 15 minutes with 429 TOO_MANY_ATTEMPTS and Retry-After', async () => {
    const share = seed({ passwordHash });
    for (let i = 0; i < 5; i++) {
      await expect(unlock(share, `wrong-${i}-pass`, { nowMs: NOW + i * MINUTE })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    }
    // Even the right password is not tried any more: the limit protects against guessing.
    const error = await failureOf(unlock(share, PASSWORD, { nowMs: NOW + 5 * MINUTE }));
    expect(error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
    // The window opened with the first wrong guess at NOW; it ends 15 minutes later.
    expect(error.headers['retry-after']).toBe(String(ATTEMPT_WINDOW_SECONDS - 5 * 60));
    expect(error.message).toContain('10 minutes');
    expect(shares.eventKinds(share.id).at(-1)).toBe('denied:TOO_MANY_ATTEMPTS');
  });

  it('lets the client try again once the 15-minute window has passed', async () => {
    const share = seed({ passwordHash });
    exhaustAttempts(share);
    await expect(unlock(share, PASSWORD, { nowMs: NOW + 14 * MINUTE })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    await expect(unlock(share, PASSWORD, { nowMs: NOW + ATTEMPT_WINDOW_SECONDS * 1000 })).resolves.toHaveProperty('token');
  });

  it('counts attempts per client and per link', async () => {
    const share = seed({ passwordHash });
    const other = seed({ passwordHash });
    exhaustAttempts(share);
    await expect(unlock(share, PASSWORD)).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    await expect(unlock(share, PASSWORD, { who: ANOTHER_RECIPIENT })).resolves.toHaveProperty('token');
    await expect(unlock(other, PASSWORD)).resolves.toHaveProperty('token');
  });

  it('never lets parallel guesses exceed five', async () => {
    const share = seed({ passwordHash });
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => unlock(share, `parallel-${i}`)));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'WRONG_PASSWORD')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(4);
  });

  it('lets 10 parallel right passwords from one client all in: attempts in flight never refuse a right one', async () => {
    const share = seed({ passwordHash });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => unlock(share, PASSWORD)));
    expect(codesOf(results)).toEqual(Array(10).fill('OK'));
    expect(security.counter(keys.attempts(share.id, clientHash(KEY, RECIPIENT.sourceIp)))).toMatchObject({ attempts: 0, failures: 0 });
  }, 60_000);

  it('checks at most five of many parallel guesses from one client, even with right passwords among them', async () => {
    const share = seed({ passwordHash });
    const guesses = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? PASSWORD : `parallel-wrong-${i}`));
    const codes = codesOf(await Promise.allSettled(guesses.map((guess) => unlock(share, guess))));
    expect(codes.filter((c) => c === 'WRONG_PASSWORD')).toHaveLength(5);
    // Every other wrong guess was refused unchecked; a right one is let in, or refused only once five have failed.
    guesses.forEach((guess, i) =>
      expect(codes[i], `guess ${i}`).toMatch(guess === PASSWORD ? /^(OK|TOO_MANY_ATTEMPTS)$/ : /^(WRONG_PASSWORD|TOO_MANY_ATTEMPTS)$/),
    );
    expect(security.counter(keys.attempts(share.id, clientHash(KEY, RECIPIENT.sourceIp)))).toMatchObject({ attempts: 5, failures: 5 });
  });

  it('refuses briefly (Retry-After: 1) when every slot is held by checks that never finish', async () => {
    const share = seed({ passwordHash });
    // Five attempts reserved and never resolved: as if the instances checking them had crashed.
    const counter = keys.attempts(share.id, clientHash(KEY, RECIPIENT.sourceIp));
    security.counters.set(`${counter.pk}|${counter.sk}`, { attempts: 5, failures: 0, windowStart: Math.floor(NOW / 1000) });
    const error = await failureOf(unlock(share, PASSWORD));
    expect(error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
    expect(error.headers['retry-after']).toBe('1');
  });

  it('counts IPv6 clients per /64: another address of the same network is the same client', async () => {
    const share = seed({ passwordHash });
    for (let i = 0; i < 5; i++) {
      const who = { sourceIp: `2001:db8:7:9::${i + 1}`, userAgent: 'v6' };
      await expect(unlock(share, `wrong-${i}-pass`, { who })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    }
    const sameNetwork = { sourceIp: '2001:db8:7:9:ffff:1:2:3', userAgent: 'v6' };
    await expect(unlock(share, PASSWORD, { who: sameNetwork })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    const otherNetwork = { sourceIp: '2001:db8:7:a::1', userAgent: 'v6' };
    await expect(unlock(share, PASSWORD, { who: otherNetwork })).resolves.toHaveProperty('token');
  });

  it('says a cancelled link was cancelled (410 SHARE_CANCELLED), even with the right password', async () => {
    const share = seed({ passwordHash, status: 'cancelled', cancelledAt: new Date(NOW - MINUTE).toISOString() });
    await expect(unlock(share, PASSWORD)).rejects.toMatchObject({ code: 'SHARE_CANCELLED', status: 410 });
    expect(shares.eventKinds(share.id)).toEqual(['denied:SHARE_CANCELLED']);
    expect(security.counters.size).toBe(0);
  });

  it('says an expired link has expired (410 SHARE_EXPIRED), from the expiry instant on', async () => {
    const share = seed({ passwordHash, expiresAt: new Date(NOW).toISOString() });
    await expect(unlock(share, PASSWORD)).rejects.toMatchObject({ code: 'SHARE_EXPIRED', status: 410 });
    await expect(unlock(share, PASSWORD, { nowMs: NOW - 1 })).resolves.toHaveProperty('token');
  });

  it('says an unknown link does not exist (404 SHARE_NOT_FOUND)', async () => {
    await expect(unlockShare(depsAt(), aShareId(), { password: PASSWORD, deviceId: DEVICE_A }, RECIPIENT)).rejects.toMatchObject({
      code: 'SHARE_NOT_FOUND',
      status: 404,
    });
  });
});

describe('the per-link cap', () => {
  it('checks at most 20 wrong passwords per hour from all clients together, then locks the link for everyone', async () => {
    const share = seed({ passwordHash });
    // Five clients, five wrong guesses each, all at once: within each client's own limit, but 25 in all.
    const guesses = Array.from({ length: 25 }, (_, i) => unlock(share, `wrong-${i}-pass`, { who: client(10 + (i % 5)) }));
    const codes = codesOf(await Promise.allSettled(guesses));
    expect(codes.filter((c) => c === 'WRONG_PASSWORD')).toHaveLength(MAX_FAILURES_PER_LINK);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(5);
    // A new client with the right password is refused too, until the hour ends.
    const error = await failureOf(unlock(share, PASSWORD, { who: client(99), nowMs: NOW + 10 * MINUTE }));
    expect(error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
    expect(error.message).toBe('This link is locked after too many wrong passwords. Try again in 50 minutes.');
    expect(error.headers['retry-after']).toBe(String(LINK_WINDOW_SECONDS - 10 * 60));
    await expect(unlock(share, PASSWORD, { who: client(99), nowMs: NOW + LINK_WINDOW_SECONDS * 1000 })).resolves.toHaveProperty('token');
  }, 60_000);

  it('queues exactly one email to the owner when the link locks, however the last guesses race', async () => {
    const share = seed({ passwordHash });
    security.setFailures(keys.linkAttempts(share.id), MAX_FAILURES_PER_LINK - 3, Math.floor(NOW / 1000));
    const guesses = Array.from({ length: 8 }, (_, i) => unlock(share, `late-wrong-${i}`, { who: client(40 + i) }));
    const codes = codesOf(await Promise.allSettled(guesses));
    expect(codes.filter((c) => c === 'WRONG_PASSWORD')).toHaveLength(3);
    expect(security.outbox).toEqual([
      {
        key: keys.shareOutbox(share.id, `locked#${Math.floor(NOW / 1000)}`),
        message: {
          kind: 'link-locked',
          shareId: share.id,
          failures: MAX_FAILURES_PER_LINK,
          lockedUntil: new Date(NOW + LINK_WINDOW_SECONDS * 1000).toISOString(),
        },
        expiresAtEpoch: Math.floor(NOW / 1000) + LINK_WINDOW_SECONDS + 24 * 3600,
      },
    ]);
    // Further refused attempts queue nothing more.
    await expect(unlock(share, PASSWORD, { who: client(60) })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(security.outbox).toHaveLength(1);
  });

  it('does not count right passwords: many clients opening a link at once never lock it', async () => {
    const share = seed({ passwordHash });
    // More at once than the link has slots (20): the others wait for the checks in flight.
    const codes = codesOf(
      await Promise.allSettled(Array.from({ length: 24 }, (_, i) => unlock(share, PASSWORD, { who: client(100 + i) }))),
    );
    expect(codes).toEqual(Array(24).fill('OK'));
    expect(security.counter(keys.linkAttempts(share.id))).toMatchObject({ attempts: 0, failures: 0 });
  }, 60_000);
});

describe('device binding', () => {
  it('binds the link to the first device that unlocks it, storing only a hash of the device id', async () => {
    const share = seed({ passwordHash, deviceBinding: true });
    await unlock(share, PASSWORD, { deviceId: DEVICE_A });
    const bound = (await shares.get(share.id))!.boundDevice;
    expect(bound).toBe(deviceHash(DEVICE_A));
    expect(bound).not.toContain(DEVICE_A);
  });

  it('lets the same device unlock again', async () => {
    const share = seed({ passwordHash, deviceBinding: true });
    await unlock(share, PASSWORD, { deviceId: DEVICE_A });
    await expect(unlock(share, PASSWORD, { deviceId: DEVICE_A, who: ANOTHER_RECIPIENT })).resolves.toHaveProperty('token');
  });

  it('tells any other device "This link is bound to another device" (403 DEVICE_BOUND), even with the right password', async () => {
    const share = seed({ passwordHash, deviceBinding: true });
    await unlock(share, PASSWORD, { deviceId: DEVICE_A });
    await expect(unlock(share, PASSWORD, { deviceId: DEVICE_B })).rejects.toMatchObject({
      code: 'DEVICE_BOUND',
      status: 403,
      message: 'This link is bound to another device.',
    });
    expect(shares.eventKinds(share.id)).toEqual(['unlock', 'denied:DEVICE_BOUND']);
    expect((await shares.get(share.id))!.boundDevice).toBe(deviceHash(DEVICE_A));
  });

  it('does not bind links without device binding', async () => {
    const share = seed({ deviceBinding: false });
    await unlock(share, undefined, { deviceId: DEVICE_A });
    await expect(unlock(share, undefined, { deviceId: DEVICE_B })).resolves.toHaveProperty('token');
    expect((await shares.get(share.id))!.boundDevice).toBeNull();
  });

  it('refuses a token of the first device once the link was bound to another', async () => {
    const share = seed({ deviceBinding: true });
    const { token } = await unlock(share, undefined, { deviceId: DEVICE_A });
    shares.shares.get(share.id)!.boundDevice = deviceHash(DEVICE_B);
    await expect(authorize(depsAt(), share.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'DEVICE_BOUND', status: 403 });
  });
});

describe('access tokens on later requests', () => {
  it('let the holder in while the share is open', async () => {
    const share = seed();
    const { token } = await unlock(share, undefined);
    await expect(authorize(depsAt(NOW + 30 * MINUTE), share.id, bearer(token), RECIPIENT)).resolves.toMatchObject({
      share: { id: share.id },
    });
  });

  it("are refused for another share's id (401 INVALID_TOKEN)", async () => {
    const first = seed();
    const second = seed();
    const { token } = await unlock(first, undefined);
    await expect(authorize(depsAt(), second.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
  });

  it('are refused once the password was regenerated', async () => {
    const share = seed({ passwordVersion: 1 });
    const { token } = await unlock(share, undefined);
    shares.shares.get(share.id)!.passwordVersion = 2;
    await expect(authorize(depsAt(), share.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('are refused once the owner reset the device binding, even before another device binds', async () => {
    const share = seed({ passwordHash, deviceBinding: true });
    const { token } = await unlock(share, PASSWORD, { deviceId: DEVICE_A });
    await shares.update(share.id, OWNER.userId, { boundDevice: null }, false, true);
    await expect(authorize(depsAt(), share.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
    // The same device may unlock again and gets a token of the new version.
    const again = await unlock(share, PASSWORD, { deviceId: DEVICE_A });
    expect(readToken(KEY, again.token, NOW)?.av).toBe(1);
    await expect(authorize(depsAt(), share.id, bearer(again.token), RECIPIENT)).resolves.toMatchObject({ share: { id: share.id } });
  });

  it('issued before access versions existed still work on a link never reset (both are version 0)', async () => {
    const share = seed();
    const { token } = issueToken(KEY, { sid: share.id, dev: deviceHash(DEVICE_A), pv: 1 } as never, NOW);
    await expect(authorize(depsAt(), share.id, bearer(token), RECIPIENT)).resolves.toMatchObject({ share: { id: share.id } });
  });

  it('naming a grant this link does not know are refused', async () => {
    const share = seed();
    const { token } = issueToken(KEY, { sid: share.id, dev: deviceHash(DEVICE_A), pv: 1, av: 0, grant: 'partner:x' }, NOW);
    await expect(authorize(depsAt(), share.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('are refused after an hour', async () => {
    const share = seed();
    const { token } = await unlock(share, undefined);
    await expect(authorize(depsAt(NOW + 60 * MINUTE), share.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['"Bearer" alone', 'Bearer '],
    ['garbage', 'Bearer garbage'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    [
      'a token signed with another key',
      `Bearer ${issueToken(Buffer.from('attacker key'), { sid: 'x', dev: 'y', pv: 1, av: 0 }, NOW).token}`,
    ],
  ])('are refused with %s (401 INVALID_TOKEN)', async (_, header) => {
    const share = seed();
    await expect(authorize(depsAt(), share.id, header, RECIPIENT)).rejects.toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
  });

  it('stop working the moment the owner cancels the link (410 SHARE_CANCELLED)', async () => {
    const share = seed();
    const { token } = await unlock(share, undefined);
    await shares.cancel(share.id, OWNER.userId, new Date(NOW).toISOString());
    await expect(authorize(depsAt(), share.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'SHARE_CANCELLED', status: 410 });
  });

  it('stop working the moment the link expires (410 SHARE_EXPIRED)', async () => {
    const share = seed({ expiresAt: new Date(NOW + 10 * MINUTE).toISOString() });
    const { token } = await unlock(share, undefined);
    await expect(authorize(depsAt(NOW + 10 * MINUTE), share.id, bearer(token), RECIPIENT)).rejects.toMatchObject({ code: 'SHARE_EXPIRED' });
  });
});

describe('the file list', () => {
  it('pages through the items of a share, 100 at a time', async () => {
    const items = Array.from({ length: 250 }, (_, i) => ({
      path: `f/${i}.txt`,
      alias: `file-${String(i).padStart(3, '0')}.txt`,
      kind: 'file' as const,
      size: i,
    }));
    const share = seed({ items });
    const first = await listShareEntries(depsAt(), share, '', undefined);
    expect(first.entries).toHaveLength(100);
    expect(first.entries[0]).toMatchObject({ name: 'file-000.txt', size: 0, kind: 'file', path: 'file-000.txt' });
    const second = await listShareEntries(depsAt(), share, '', first.nextCursor!);
    expect(second.entries).toHaveLength(100);
    expect(second.entries[0]!.name).toBe('file-100.txt');
    const third = await listShareEntries(depsAt(), share, '', second.nextCursor!);
    expect(third.entries).toHaveLength(50);
    expect(third.entries.at(-1)!.name).toBe('file-249.txt');
    expect(third.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries, ...third.entries].map((e) => e.fileId);
    expect(new Set(ids).size).toBe(250);
  });

  it('ends with a null cursor when the items fit one page', async () => {
    const share = seed();
    const page = await listShareEntries(depsAt(), share, '', undefined);
    expect(page).toEqual({
      entries: [{ fileId: expect.any(String), name: 'report.pdf', size: 1234, kind: 'file', path: 'report.pdf' }],
      nextCursor: null,
      summary: { fileCount: 1, totalBytes: 1234, complete: true },
    });
  });

  it.each(['abc', '-1', '1.5', '251', 'Infinity'])('refuses a root cursor it never gave out (%j)', async (cursor) => {
    const share = seed({ items: Array.from({ length: 250 }, (_, i) => ({ path: `${i}.txt`, alias: `${i}.txt`, kind: 'file' as const })) });
    await expect(listShareEntries(depsAt(), share, '', cursor)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  describe('inside a shared folder', () => {
    let share: Share;
    beforeEach(() => {
      files
        .putObject(keyOf(OWNER.userId, 'docs/q3/'), 0)
        .putObject(keyOf(OWNER.userId, 'docs/q3/a.txt'), 11)
        .putObject(keyOf(OWNER.userId, 'docs/q3/sub/b.txt'), 22)
        .putObject(keyOf(OWNER.userId, 'docs/q3/sub/deeper/c.txt'), 33)
        .putObject(keyOf(OWNER.userId, 'docs/secret.txt'), 44)
        .putObject(keyOf(OWNER.userId, 'docs/q3-private/x.txt'), 55)
        .putObject(keyOf(OTHER_OWNER.userId, 'docs/q3/their.txt'), 66);
      share = seed({
        items: [
          { path: 'docs/report.pdf', alias: 'report.pdf', kind: 'file', size: 1 },
          { path: 'docs/q3/', alias: 'Q3 numbers', kind: 'folder' },
        ],
      });
    });

    it('shows the folder at the root under its alias', async () => {
      const root = await listShareEntries(depsAt(), share, '', undefined);
      expect(root.entries[1]).toEqual({ name: 'Q3 numbers', size: null, kind: 'folder', path: 'Q3 numbers/' });
    });

    it('lists its sub-folders and files, one level at a time', async () => {
      const page = await listShareEntries(depsAt(), share, 'Q3 numbers/', undefined);
      expect(page.entries).toEqual([
        { name: 'sub', size: null, kind: 'folder', path: 'Q3 numbers/sub/' },
        { fileId: expect.any(String), name: 'a.txt', size: 11, kind: 'file', path: 'Q3 numbers/a.txt', lastModified: expect.any(String) },
      ]);
      const sub = await listShareEntries(depsAt(), share, 'Q3 numbers/sub/', undefined);
      expect(sub.entries.map((e) => e.path)).toEqual(['Q3 numbers/sub/deeper/', 'Q3 numbers/sub/b.txt']);
    });

    it('pages through a large folder', async () => {
      for (let i = 0; i < 150; i++) files.putObject(keyOf(OWNER.userId, `docs/q3/many/${String(i).padStart(3, '0')}.bin`), i);
      const first = await listShareEntries(depsAt(), share, 'Q3 numbers/many/', undefined);
      expect(first.entries).toHaveLength(100);
      const second = await listShareEntries(depsAt(), share, 'Q3 numbers/many/', first.nextCursor!);
      expect(second.entries).toHaveLength(50);
      expect(second.nextCursor).toBeNull();
    });

    it.each([
      '../',
      '..',
      'Q3 numbers/../',
      'Q3 numbers/../../',
      'Q3 numbers/sub/../../',
      'x/../',
      './',
      'Q3 numbers/./',
      'Q3 numbers//',
      'Q3 numbers/sub',
      'Q3 numbers/\\..\\',
      'unknown/',
      'report.pdf/',
      'q3 numbers/',
      'docs/q3/',
      '/',
      '/Q3 numbers/',
    ])('never lists anything above or beside the shared folder (%j)', async (path) => {
      const listed = vi.spyOn(files, 'list');
      const error = await failureOf(listShareEntries(depsAt(), share, path, undefined));
      expect(['NOT_FOUND', 'VALIDATION_FAILED']).toContain(error.code);
      for (const [prefix] of listed.mock.calls) expect(prefix.startsWith(keyOf(OWNER.userId, 'docs/q3/'))).toBe(true);
    });

    it('gives file ids that download exactly the listed file, under its own name', async () => {
      const sub = await listShareEntries(depsAt(), share, 'Q3 numbers/sub/', undefined);
      const b = sub.entries.find((e) => e.name === 'b.txt')!;
      await createDownload(depsAt(), share, b.fileId!, RECIPIENT);
      expect(files.downloads).toEqual([
        { key: keyOf(OWNER.userId, 'docs/q3/sub/b.txt'), disposition: `attachment; filename="b.txt"; filename*=UTF-8''b.txt` },
      ]);
      expect(shares.events.at(-1)!.event).toMatchObject({ kind: 'download', file: 'Q3 numbers/sub/b.txt' });
    });
  });
});

describe('downloads', () => {
  let share: Share;
  beforeEach(() => {
    files
      .putObject(keyOf(OWNER.userId, 'docs/report.pdf'), 1234)
      .putObject(keyOf(OWNER.userId, 'docs/secret.txt'), 5)
      .putObject(keyOf(OWNER.userId, 'docs/q3/a.txt'), 5);
    share = seed({
      items: [
        { path: 'docs/report.pdf', alias: 'Bericht "Q3" ü.pdf', kind: 'file', size: 1234 },
        { path: 'docs/q3/', alias: 'Q3', kind: 'folder' },
      ],
    });
  });

  it('give a presigned URL that saves the file under its alias, and count and log the download', async () => {
    const result = await createDownload(depsAt(), share, encodeFileId(0), RECIPIENT);
    expect(result.url).toContain(encodeURI(keyOf(OWNER.userId, 'docs/report.pdf')));
    expect(Date.parse(result.expiresAt) - NOW).toBeLessThanOrEqual(5 * MINUTE);
    expect(files.downloads).toEqual([
      {
        key: keyOf(OWNER.userId, 'docs/report.pdf'),
        disposition: `attachment; filename="Bericht _Q3_ u.pdf"; filename*=UTF-8''Bericht%20%22Q3%22%20%C3%BC.pdf`,
      },
    ]);
    expect((await shares.get(share.id))!.downloadCount).toBe(1);
    expect(shares.events.at(-1)!.event).toMatchObject({ kind: 'download', file: 'Bericht "Q3" ü.pdf', userAgent: RECIPIENT.userAgent });
  });

  it('are refused when the owner turned downloads off (403 DOWNLOAD_DISABLED), and nothing is presigned', async () => {
    shares.shares.get(share.id)!.allowDownload = false;
    share.allowDownload = false;
    await expect(createDownload(depsAt(), share, encodeFileId(0), RECIPIENT)).rejects.toMatchObject({
      code: 'DOWNLOAD_DISABLED',
      status: 403,
    });
    expect(files.downloads).toHaveLength(0);
    expect((await shares.get(share.id))!.downloadCount).toBe(0);
    expect(shares.eventKinds(share.id)).toEqual(['denied:DOWNLOAD_DISABLED']);
  });

  it('say the file is gone when the owner deleted it (404 FILE_NOT_FOUND), without counting it', async () => {
    files.deleteObject(keyOf(OWNER.userId, 'docs/report.pdf'));
    await expect(createDownload(depsAt(), share, encodeFileId(0), RECIPIENT)).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      status: 404,
    });
    expect((await shares.get(share.id))!.downloadCount).toBe(0);
    expect(files.downloads).toHaveLength(0);
  });

  it('stop at the download limit (403 DOWNLOAD_LIMIT_REACHED)', async () => {
    shares.shares.get(share.id)!.maxDownloads = 2;
    await createDownload(depsAt(), share, encodeFileId(0), RECIPIENT);
    await createDownload(depsAt(), share, encodeFileId(0), RECIPIENT);
    await expect(createDownload(depsAt(), share, encodeFileId(0), RECIPIENT)).rejects.toMatchObject({
      code: 'DOWNLOAD_LIMIT_REACHED',
      status: 403,
    });
    expect(files.downloads).toHaveLength(2);
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['not base64 at all', '!!!not-an-id!!!'],
    ['base64 of plain text', Buffer.from('hello').toString('base64url')],
    ['an object', forged({ index: 0 })],
    ['an index past the items', forged([2, ''])],
    ['a negative index', forged([-1, ''])],
    ['a fractional index', forged([0.5, ''])],
    ['an index as a string', forged(['0', ''])],
    ['a path below a file item', forged([0, 'x'])],
    ['".." inside a folder item', forged([1, '../secret.txt'])],
    ['".." further down', forged([1, 'sub/../../secret.txt'])],
    ['an absolute path', forged([1, '/etc/passwd'])],
    ['the folder itself', forged([1, ''])],
    ['a sub-folder', forged([1, 'sub/'])],
    ['a backslash path', forged([1, '..\\secret.txt'])],
    ['extra fields', forged([1, 'a.txt', 'x'])],
  ])('refuse a forged file id: %s (404 FILE_NOT_FOUND)', async (_, fileId) => {
    await expect(createDownload(depsAt(), share, fileId, RECIPIENT)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', status: 404 });
    expect(files.downloads).toHaveLength(0);
  });
});

describe('the public description of a link', () => {
  it('tells the unlock page what it needs', async () => {
    const share = seed({ passwordHash, message: 'Hi!' });
    await expect(describeShare(shares, share.id, NOW)).resolves.toEqual({
      id: share.id,
      ownerName: OWNER.email,
      requiresPassword: true,
      expiresAt: share.expiresAt,
      allowDownload: true,
      deviceBinding: false,
      verifyRecipients: false,
      message: 'Hi!',
    });
  });

  it('says expired, cancelled and unknown links are so', async () => {
    const expired = seed({ expiresAt: new Date(NOW - DAY).toISOString() });
    const cancelled = seed({ status: 'cancelled' });
    await expect(describeShare(shares, expired.id, NOW)).rejects.toMatchObject({ code: 'SHARE_EXPIRED' });
    await expect(describeShare(shares, cancelled.id, NOW)).rejects.toMatchObject({ code: 'SHARE_CANCELLED' });
    await expect(describeShare(shares, aShareId(), NOW)).rejects.toMatchObject({ code: 'SHARE_NOT_FOUND' });
  });

  it.each(['abc', '../../etc/passwd', `${'A'.repeat(21)}=`, ''])('treats a malformed id (%j) as a link that does not exist', (id) => {
    expect(() => shareIdOrNotFound(id)).toThrow(expect.objectContaining({ code: 'SHARE_NOT_FOUND', status: 404 }));
  });
});
