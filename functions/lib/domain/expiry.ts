import * as z from 'zod/mini';
import { policyViolation, validationFailed } from '../errors.js';
import type { TenantSettings } from './settings/policy.js';

/** When a link stops working: the one shape of an expiry and the one rule that resolves it. */

const DAYS_MAX = 3650;

export const expirySchema = z.union([
  z.strictObject({ days: z.int().check(z.minimum(1), z.maximum(DAYS_MAX)) }),
  z.strictObject({ at: z.iso.datetime({ offset: true }) }),
  z.strictObject({ never: z.literal(true) }),
]);

export type ExpiryInput = z.output<typeof expirySchema>;

const DAY_MS = 24 * 3600 * 1000;

/**
 * The expiry instant (ISO) for a requested expiry, or null for "never", after the
 * tenant's maximum is applied. Throws POLICY_VIOLATION / VALIDATION_FAILED with the rule.
 */
export function resolveExpiry(input: ExpiryInput, policy: TenantSettings, nowMs: number): string | null {
  const max = policy.maxExpiryDays;
  if ('never' in input) {
    if (max !== null) throw policyViolation(`Links must expire: the tenant allows at most ${max} days.`);
    return null;
  }
  const at = 'days' in input ? nowMs + input.days * DAY_MS : Date.parse(input.at);
  if (at <= nowMs) throw validationFailed('Invalid request body: expiry.at: must be in the future');
  // A minute of grace so "30 days" chosen in a form is not refused for the seconds it took to submit.
  if (max !== null && at > nowMs + max * DAY_MS + 60_000) {
    throw policyViolation(`Expiry is too far away: the tenant allows at most ${max} days.`);
  }
  return new Date(at).toISOString();
}
