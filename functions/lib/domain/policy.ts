import { policyViolation, validationFailed } from '../errors.js';

/** Tenant policy, set by administrators (DESIGN.md §1 Administration). */
export interface TenantSettings {
  adminNotificationSender: string | null;
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: number;
  /** null: no maximum, and links may never expire. */
  maxExpiryDays: number | null;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  adminNotificationSender: null,
  deviceBindingEnabled: false,
  requirePassword: false,
  defaultExpiryDays: 7,
  maxExpiryDays: null,
};

export type ExpiryInput = { days: number } | { at: string } | { never: true };

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
