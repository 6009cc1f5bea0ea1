import { beforeEach, describe, expect, it } from 'vitest';
import { createShare, createShareSchema, type CreateShareInput, type Owner } from '../../../../functions/lib/domain/links/create.js';
import { verifyPassword } from '../../../../functions/lib/domain/passwords.js';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import type { SenderIdentity } from '../../../../functions/lib/domain/senders.js';
import { keys } from '../../../../functions/lib/contract/table.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { DAY, NOW, OTHER_OWNER, OWNER } from '../../fixtures.js';

const BASE_URL = 'https://share.example.com';

let shares: MemoryShareRepository;
let files: MemoryFileStore;
let security: MemorySecurityStore;
let identity: SenderIdentity;
const deps = () => ({ shares, files, baseUrl: BASE_URL, nowMs: NOW, identity, proofs: security, counters: security });

/** A request as the handler hands it over: parsed, defaults applied. */
const request = (body: Record<string, unknown>): CreateShareInput => createShareSchema.parse(body);
const create = (body: Record<string, unknown>, owner: Owner = OWNER) => createShare(deps(), owner, request(body));

beforeEach(() => {
  security = new MemorySecurityStore();
  identity = { mode: 'local' };
  shares = new MemoryShareRepository();
  files = new MemoryFileStore(() => NOW)
    .putObject(keyOf(OWNER.userId, 'docs/report.pdf'), 2048)
    .putObject(keyOf(OWNER.userId, 'docs/Report.PDF'), 10)
    .putObject(keyOf(OWNER.userId, 'archive/report.pdf'), 99)
    .putObject(keyOf(OWNER.userId, 'docs/q3/summary.txt'), 5)
    .putObject(keyOf(OWNER.userId, 'empty/'), 0)
    .putObject(keyOf(OTHER_OWNER.userId, 'private/contract.pdf'), 7);
});

describe('creating a share link', () => {
  it('stores the selected files and folders under their base names and returns the link', async () => {
    const result = await create({
      items: [{ path: 'docs/report.pdf' }, { path: 'docs/q3/' }, { path: 'empty/' }],
      password: { mode: 'none' },
    });
    expect(result.url).toBe(`${BASE_URL}/s/${result.id}`);
    expect(result.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(result.items).toEqual([
      { path: 'docs/report.pdf', alias: 'report.pdf', kind: 'file' },
      { path: 'docs/q3/', alias: 'q3', kind: 'folder' },
      { path: 'empty/', alias: 'empty', kind: 'folder' },
    ]);
    const stored = await shares.get(result.id);
    expect(stored).toMatchObject({ ownerId: OWNER.userId, ownerEmail: OWNER.email, status: 'active', downloadCount: 0, boundDevice: null });
    expect(stored!.items[0]).toEqual({ path: 'docs/report.pdf', alias: 'report.pdf', kind: 'file', size: 2048 });
  });

  it('uses the alias given for an item', async () => {
    const result = await create({ items: [{ path: 'docs/report.pdf', alias: 'Bericht "Q3" ü.pdf' }], password: { mode: 'none' } });
    expect(result.items[0]!.alias).toBe('Bericht "Q3" ü.pdf');
  });

  it('refuses a file that does not exist (404 NOT_FOUND)', async () => {
    await expect(create({ items: [{ path: 'docs/missing.pdf' }] })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(shares.shares.size).toBe(0);
  });

  it('refuses a folder with nothing in it', async () => {
    await expect(create({ items: [{ path: 'nothing-here/' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("cannot reach another owner's file: paths are looked up under the caller's own root only", async () => {
    // The other owner's file exists at users/owner-2/private/contract.pdf.
    await expect(create({ items: [{ path: 'private/contract.pdf' }] })).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(create({ items: [{ path: 'private/' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // And the same request from the other owner works.
    await expect(create({ items: [{ path: 'private/contract.pdf' }], password: { mode: 'none' } }, OTHER_OWNER)).resolves.toMatchObject({
      items: [{ alias: 'contract.pdf' }],
    });
  });

  it('refuses paths that try to climb out of the owner root before touching storage', () => {
    for (const path of ['../owner-2/private/contract.pdf', '/users/owner-2/private/contract.pdf', 'docs/../../owner-2/x', 'docs\\..\\x']) {
      expect(createShareSchema.safeParse({ items: [{ path }] }).success).toBe(false);
    }
  });

  it('refuses the same path selected twice', async () => {
    await expect(create({ items: [{ path: 'docs/report.pdf' }, { path: 'docs/report.pdf', alias: 'copy.pdf' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: expect.stringContaining('selected twice'),
    });
  });

  it('refuses two items that would get the same name, ignoring case', async () => {
    await expect(create({ items: [{ path: 'docs/report.pdf' }, { path: 'archive/report.pdf' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
    });
    await expect(create({ items: [{ path: 'docs/report.pdf' }, { path: 'docs/Report.PDF' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(create({ items: [{ path: 'docs/report.pdf' }, { path: 'docs/q3/', alias: 'REPORT.pdf' }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    // Distinct aliases resolve the clash.
    await expect(
      create({
        items: [{ path: 'docs/report.pdf' }, { path: 'archive/report.pdf', alias: 'report (old).pdf' }],
        password: { mode: 'none' },
      }),
    ).resolves.toBeDefined();
  });

  it('refuses two items that show the same name once normalised: NFC and NFD spellings, any case', async () => {
    files.putObject(keyOf(OWNER.userId, 'a/caf\u00e9.txt'), 1).putObject(keyOf(OWNER.userId, 'b/cafe\u0301.txt'), 1);
    const error = create({ items: [{ path: 'a/caf\u00e9.txt' }, { path: 'b/cafe\u0301.txt' }], password: { mode: 'none' } });
    await expect(error).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('would both be named') });
    await expect(
      create({ items: [{ path: 'docs/report.pdf', alias: 'CAF\u00c9.txt' }, { path: 'b/cafe\u0301.txt' }], password: { mode: 'none' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('stores names in NFC, whichever form the alias or the file name came in', async () => {
    files.putObject(keyOf(OWNER.userId, 'b/cafe\u0301.txt'), 1);
    const result = await create({
      items: [{ path: 'b/cafe\u0301.txt' }, { path: 'docs/report.pdf', alias: 'Re\u0301sume\u0301.pdf' }],
      password: { mode: 'none' },
    });
    expect(result.items.map((item) => item.alias)).toEqual(['caf\u00e9.txt', 'R\u00e9sum\u00e9.pdf']);
  });

  it.each([
    ['invoice\u202efdp.exe', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['report\u200b.pdf', 'U+200B ZERO WIDTH SPACE'],
    ['\u2066report.pdf', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['report\ufeff.pdf', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['re\u00adport.pdf', 'U+00AD SOFT HYPHEN'],
  ])('refuses the alias %j, naming %s', (alias, named) => {
    const result = createShareSchema.safeParse({ items: [{ path: 'docs/report.pdf', alias }] });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(named);
  });

  it('refuses to show a file whose own name hides an invisible character, unless it gets an alias', async () => {
    files.putObject(keyOf(OWNER.userId, 'old/invoice\u202efdp.exe'), 1);
    await expect(create({ items: [{ path: 'old/invoice\u202efdp.exe' }], password: { mode: 'none' } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/U\+202E RIGHT-TO-LEFT OVERRIDE.*give it an alias/),
    });
    await expect(
      create({ items: [{ path: 'old/invoice\u202efdp.exe', alias: 'invoice.exe' }], password: { mode: 'none' } }),
    ).resolves.toMatchObject({ items: [{ alias: 'invoice.exe' }] });
  });

  it('refuses more than 1,000 items or none at all', () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ path: `f${i}.txt` }));
    expect(createShareSchema.safeParse({ items }).success).toBe(false);
    expect(createShareSchema.safeParse({ items: items.slice(0, 1000) }).success).toBe(true);
    expect(createShareSchema.safeParse({ items: [] }).success).toBe(false);
  });
});

describe('share passwords', () => {
  it('are generated by default, returned once, and stored only as a hash', async () => {
    const result = await create({ items: [{ path: 'docs/report.pdf' }] });
    expect(result.password).toMatch(/^[23456789a-km-zA-HJ-NP-Z]{8}$/);
    expect(result.requiresPassword).toBe(true);
    const stored = (await shares.get(result.id))!;
    expect(JSON.stringify(stored)).not.toContain(result.password);
    expect(await verifyPassword(result.password!, stored.passwordHash!)).toBe(true);
    // Reading the share again never shows the password.
    expect(JSON.stringify(await shares.listByOwner(OWNER.userId, 'all', undefined, 10, NOW))).not.toContain(result.password);
  });

  it('chosen by the owner have at least 8 characters', () => {
    const parse = (value: string) => createShareSchema.safeParse({ items: [{ path: 'a.txt' }], password: { mode: 'custom', value } });
    expect(parse('Abc-123').success).toBe(false);
    expect(JSON.stringify(parse('Abc-123').error?.issues)).toContain('at least 8 characters');
    expect(parse('Abc-1234').success).toBe(true);
  });

  it('can be chosen by the owner, and then are not echoed back', async () => {
    const result = await create({ items: [{ path: 'docs/report.pdf' }], password: { mode: 'custom', value: 'Owner-chosen-1' } });
    expect(result).not.toHaveProperty('password');
    expect(JSON.stringify(result)).not.toContain('Owner-chosen-1');
    const stored = (await shares.get(result.id))!;
    expect(stored.passwordHash).not.toContain('Owner-chosen-1');
    expect(await verifyPassword('Owner-chosen-1', stored.passwordHash!)).toBe(true);
  });

  it('can be left out where policy allows, and then no hash is stored', async () => {
    const result = await create({ items: [{ path: 'docs/report.pdf' }], password: { mode: 'none' } });
    expect(result).not.toHaveProperty('password');
    expect(result.requiresPassword).toBe(false);
    expect((await shares.get(result.id))!.passwordHash).toBeNull();
  });

  it('are required when the tenant says so (400 POLICY_VIOLATION)', async () => {
    shares.tenant.requirePassword = true;
    await expect(create({ items: [{ path: 'docs/report.pdf' }], password: { mode: 'none' } })).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
      status: 400,
    });
    expect(shares.shares.size).toBe(0);
  });
});

describe('share settings under tenant policy', () => {
  it('refuses device binding while the administrator has not enabled it', async () => {
    await expect(create({ items: [{ path: 'docs/report.pdf' }], deviceBinding: true })).rejects.toMatchObject({ code: 'POLICY_VIOLATION' });
    shares.tenant.deviceBindingEnabled = true;
    const result = await create({ items: [{ path: 'docs/report.pdf' }], deviceBinding: true, password: { mode: 'none' } });
    expect(result.deviceBinding).toBe(true);
  });

  it("expires after the tenant's default when no expiry is given", async () => {
    shares.tenant.defaultExpiryDays = 14;
    const result = await create({ items: [{ path: 'docs/report.pdf' }], password: { mode: 'none' } });
    expect(result.expiresAt).toBe(new Date(NOW + 14 * DAY).toISOString());
  });

  it('refuses an expiry beyond the maximum, and "never", when the tenant sets a maximum', async () => {
    shares.tenant.maxExpiryDays = 30;
    await expect(create({ items: [{ path: 'docs/report.pdf' }], expiry: { days: 31 } })).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
    });
    await expect(create({ items: [{ path: 'docs/report.pdf' }], expiry: { never: true } })).rejects.toMatchObject({
      code: 'POLICY_VIOLATION',
    });
    const ok = await create({ items: [{ path: 'docs/report.pdf' }], expiry: { days: 30 }, password: { mode: 'none' } });
    expect(ok.expiresAt).toBe(new Date(NOW + 30 * DAY).toISOString());
  });

  it('never expires on request when the tenant sets no maximum', async () => {
    const result = await create({ items: [{ path: 'docs/report.pdf' }], expiry: { never: true }, password: { mode: 'none' } });
    expect(result.expiresAt).toBeNull();
  });

  it('keeps the download setting, limit and message', async () => {
    const result = await create({
      items: [{ path: 'docs/report.pdf' }],
      password: { mode: 'none' },
      allowDownload: false,
      maxDownloads: 3,
      message: '  Here are the Q3 numbers.  ',
    });
    expect(result).toMatchObject({ allowDownload: false, maxDownloads: 3, message: 'Here are the Q3 numbers.' });
  });
});

describe('recipients and the email sender', () => {
  const withRecipients = { items: [{ path: 'docs/report.pdf' }], recipients: ['partner@example.org'], password: { mode: 'none' } };

  it('are refused when neither an administrator nor the user set a sender (400 NOTIFICATION_SENDER_NOT_CONFIGURED)', async () => {
    await expect(create(withRecipients)).rejects.toMatchObject({ code: 'NOTIFICATION_SENDER_NOT_CONFIGURED', status: 400 });
    expect(shares.shares.size).toBe(0);
  });

  it('are accepted with the administrator sender', async () => {
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    await expect(create(withRecipients)).resolves.toMatchObject({ recipients: ['partner@example.org'] });
  });

  it("are accepted with the user's own sender once it is proved", async () => {
    shares.userSettings.set(OWNER.userId, { notificationSender: 'owner@example.com' });
    security.proven(OWNER.userId, 'owner@example.com');
    await expect(create(withRecipients)).resolves.toMatchObject({ recipients: ['partner@example.org'] });
  });

  it("are refused with the user's own sender while it is unproved (saved before proofs existed)", async () => {
    shares.userSettings.set(OWNER.userId, { notificationSender: 'ceo@example.com' });
    await expect(create(withRecipients)).rejects.toMatchObject({ code: 'NOTIFICATION_SENDER_NOT_CONFIGURED' });
  });

  it('are refused with a clear 400 when the deployment sends no email, and so are download alerts', async () => {
    identity = { mode: 'off' };
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    await expect(create(withRecipients)).rejects.toMatchObject({
      code: 'EMAIL_DISABLED',
      status: 400,
      message: expect.stringContaining('sends no email'),
    });
    await expect(
      create({ items: [{ path: 'docs/report.pdf' }], notifyOnDownload: true, password: { mode: 'none' } }),
    ).rejects.toMatchObject({
      code: 'EMAIL_DISABLED',
    });
    expect(shares.shares.size).toBe(0);
  });

  it('are refused when the administrator sender lies outside the SES identity (changed since it was saved)', async () => {
    identity = { mode: 'domain', domain: 'corp.example' };
    shares.tenant.adminNotificationSender = 'noreply@elsewhere.example';
    await expect(create(withRecipients)).rejects.toMatchObject({ code: 'NOTIFICATION_SENDER_NOT_CONFIGURED' });
  });

  it("count against the owner's daily cap on partner emails, and are refused past it (429 EMAIL_LIMIT_REACHED)", async () => {
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    shares.tenant.dailyPartnerEmailLimit = 3;
    const partners = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.org`);
    await create({ ...withRecipients, recipients: partners(2) });
    await expect(create({ ...withRecipients, recipients: partners(2) })).rejects.toMatchObject({
      code: 'EMAIL_LIMIT_REACHED',
      status: 429,
      message: expect.stringContaining('at most 3 partners a day'),
    });
    await create({ ...withRecipients, recipients: partners(1) });
    expect(security.quotas.get(`USER#${OWNER.userId}|${keys.partnerEmails(OWNER.userId, '2026-03-01').sk}`)).toBe(3);
    // Another owner has a cap of their own.
    await expect(
      create({ ...withRecipients, items: [{ path: 'private/contract.pdf' }], recipients: partners(3) }, OTHER_OWNER),
    ).resolves.toMatchObject({ recipients: partners(3) });
  });

  it("do not borrow another user's sender", async () => {
    shares.userSettings.set(OTHER_OWNER.userId, { notificationSender: 'someone@example.com' });
    await expect(create(withRecipients)).rejects.toMatchObject({ code: 'NOTIFICATION_SENDER_NOT_CONFIGURED' });
  });

  it('never count a link that is refused for another reason', async () => {
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    await expect(create({ ...withRecipients, items: [{ path: 'docs/missing.pdf' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(security.quotas.size).toBe(0);
  });

  it('need no sender when there are no recipients', async () => {
    await expect(create({ items: [{ path: 'docs/report.pdf' }], password: { mode: 'none' } })).resolves.toMatchObject({ recipients: [] });
  });
});

describe('the owner recipients are told about', () => {
  const request = { items: [{ path: 'docs/report.pdf' }], password: { mode: 'none' } };

  it('is the name an administrator gave them', async () => {
    const result = await create(request, { ...OWNER, name: 'Ada Lovelace' });
    expect((await shares.get(result.id))!.ownerName).toBe('Ada Lovelace');
  });

  it('is their verified address when they have no name', async () => {
    const result = await create(request, OWNER);
    expect((await shares.get(result.id))!).toMatchObject({ ownerName: OWNER.email, ownerEmail: OWNER.email });
  });

  it('is never an unverified address: without a name or a verified address, a neutral phrase', async () => {
    const result = await create(request, { userId: OWNER.userId, email: '' });
    expect((await shares.get(result.id))!).toMatchObject({ ownerName: 'A ShareLink user', ownerEmail: '' });
  });
});
