import { describe, expect, it } from 'vitest';
import { newShareId, shareIdSchema } from '../../../functions/lib/domain/ids.js';
import { assertOpen, ownerView, publicView, shareUrl, statusOf } from '../../../functions/lib/domain/share.js';
import { DAY, NOW, aShare } from '../fixtures.js';

describe('share status', () => {
  const expiresAt = new Date(NOW).toISOString();

  it('is active until the expiry instant and expired from that instant on', () => {
    expect(statusOf({ status: 'active', expiresAt }, NOW - 1)).toBe('active');
    expect(statusOf({ status: 'active', expiresAt }, NOW)).toBe('expired');
    expect(statusOf({ status: 'active', expiresAt }, NOW + 1)).toBe('expired');
  });

  it('never expires without an expiry', () => {
    expect(statusOf({ status: 'active', expiresAt: null }, NOW + 10_000 * DAY)).toBe('active');
  });

  it('is cancelled once cancelled, even after it would have expired', () => {
    expect(statusOf({ status: 'cancelled', expiresAt: null }, NOW)).toBe('cancelled');
    expect(statusOf({ status: 'cancelled', expiresAt }, NOW + DAY)).toBe('cancelled');
  });
});

describe('assertOpen', () => {
  it('lets an active share through', () => {
    const share = aShare();
    expect(assertOpen(share, NOW)).toBe(share);
  });

  it('says an unknown link does not exist (404)', () => {
    expect(() => assertOpen(undefined, NOW)).toThrow(expect.objectContaining({ code: 'SHARE_NOT_FOUND', status: 404 }));
  });

  it('says an expired link has expired (410), from the exact expiry instant', () => {
    const share = aShare({ expiresAt: new Date(NOW).toISOString() });
    expect(() => assertOpen(share, NOW)).toThrow(expect.objectContaining({ code: 'SHARE_EXPIRED', status: 410 }));
    expect(assertOpen(share, NOW - 1)).toBe(share);
  });

  it('says a cancelled link was cancelled (410), also when it is expired as well', () => {
    const share = aShare({ status: 'cancelled', expiresAt: new Date(NOW - DAY).toISOString() });
    expect(() => assertOpen(share, NOW)).toThrow(expect.objectContaining({ code: 'SHARE_CANCELLED', status: 410 }));
  });
});

describe('share views', () => {
  const secretShare = aShare({
    passwordHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    deviceBinding: true,
    boundDevice: 'bound-device-hash-0123456789abcd',
    includePasswordInEmail: true,
    recipients: ['partner@example.org'],
  });

  it('never show the owner the password hash or the bound device', () => {
    const view = ownerView(secretShare, 'https://files.example.com', NOW);
    const json = JSON.stringify(view);
    expect(json).not.toContain(secretShare.passwordHash);
    expect(json).not.toContain(secretShare.boundDevice);
    expect(view).not.toHaveProperty('passwordHash');
    expect(view).not.toHaveProperty('boundDevice');
    expect(view).toMatchObject({ requiresPassword: true, deviceBinding: true, deviceBound: true, status: 'active' });
  });

  it('give the owner the fields of a share in a list', () => {
    const view = ownerView(secretShare, 'https://files.example.com/', NOW);
    expect(view).toMatchObject({
      id: secretShare.id,
      url: `https://files.example.com/s/${secretShare.id}`,
      items: [{ path: 'docs/report.pdf', alias: 'report.pdf', kind: 'file' }],
      status: 'active',
      createdAt: secretShare.createdAt,
      expiresAt: secretShare.expiresAt,
      allowDownload: true,
      requiresPassword: true,
      deviceBinding: true,
      downloadCount: 0,
      recipients: ['partner@example.org'],
    });
  });

  it('show anyone holding the link only what the unlock page needs', () => {
    const view = publicView(secretShare);
    const json = JSON.stringify(view);
    expect(json).not.toContain(secretShare.passwordHash);
    expect(json).not.toContain(secretShare.boundDevice);
    expect(json).not.toContain('partner@example.org');
    expect(json).not.toContain('docs/report.pdf');
    expect(Object.keys(view).sort()).toEqual([
      'allowDownload',
      'deviceBinding',
      'expiresAt',
      'id',
      'message',
      'ownerName',
      'requiresPassword',
      'verifyRecipients',
    ]);
  });

  it('build share links on the public origin', () => {
    expect(shareUrl('http://127.0.0.1:3000', 'abc')).toBe('http://127.0.0.1:3000/s/abc');
    expect(shareUrl('https://d123.cloudfront.net//', 'abc')).toBe('https://d123.cloudfront.net/s/abc');
  });
});

describe('share ids', () => {
  it('are 22 base64url characters (128 random bits) and never repeat', () => {
    const ids = Array.from({ length: 1000 }, newShareId);
    for (const id of ids) expect(shareIdSchema.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuse anything else', () => {
    for (const id of ['', 'abc', 'A'.repeat(21), 'A'.repeat(23), `${'A'.repeat(21)}/`, `${'A'.repeat(21)}.`, `${'A'.repeat(21)}=`]) {
      expect(shareIdSchema.safeParse(id).success).toBe(false);
    }
  });
});
