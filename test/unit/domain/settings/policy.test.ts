import { describe, expect, it } from 'vitest';
import { resolveExpiry } from '../../../../functions/lib/domain/expiry.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../../../../functions/lib/domain/settings/policy.js';
import { DAY, MINUTE, NOW } from '../../fixtures.js';

const open: TenantSettings = { ...DEFAULT_TENANT_SETTINGS, maxExpiryDays: null };
const max30: TenantSettings = { ...DEFAULT_TENANT_SETTINGS, maxExpiryDays: 30 };

describe('link expiry', () => {
  it('counts days from now', () => {
    expect(resolveExpiry({ days: 7 }, open, NOW)).toBe(new Date(NOW + 7 * DAY).toISOString());
    expect(resolveExpiry({ days: 1 }, open, NOW)).toBe('2026-03-02T12:00:00.000Z');
  });

  it('takes a custom date as given, normalised to UTC', () => {
    expect(resolveExpiry({ at: '2026-03-10T09:30:00+02:00' }, open, NOW)).toBe('2026-03-10T07:30:00.000Z');
  });

  it('allows "never" when the tenant sets no maximum', () => {
    expect(resolveExpiry({ never: true }, open, NOW)).toBeNull();
  });

  it('refuses a date in the past, or now, as invalid input', () => {
    for (const at of [new Date(NOW - MINUTE).toISOString(), new Date(NOW).toISOString(), '2001-01-01T00:00:00Z']) {
      expect(() => resolveExpiry({ at }, open, NOW)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', status: 400 }));
    }
  });

  it('allows exactly the maximum number of days, and a minute of grace for a form submitted slowly', () => {
    expect(resolveExpiry({ days: 30 }, max30, NOW)).toBe(new Date(NOW + 30 * DAY).toISOString());
    expect(resolveExpiry({ at: new Date(NOW + 30 * DAY + 30_000).toISOString() }, max30, NOW)).not.toBeNull();
  });

  it('refuses more days than the tenant maximum', () => {
    expect(() => resolveExpiry({ days: 31 }, max30, NOW)).toThrow(expect.objectContaining({ code: 'POLICY_VIOLATION', status: 400 }));
    expect(() => resolveExpiry({ at: new Date(NOW + 30 * DAY + 2 * MINUTE).toISOString() }, max30, NOW)).toThrow(
      expect.objectContaining({ code: 'POLICY_VIOLATION' }),
    );
  });

  it('refuses "never" when the tenant has a maximum', () => {
    expect(() => resolveExpiry({ never: true }, max30, NOW)).toThrow(
      expect.objectContaining({ code: 'POLICY_VIOLATION', status: 400, message: expect.stringContaining('30 days') }),
    );
  });
});
