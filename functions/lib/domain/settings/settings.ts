import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import type { ShareRepository, UserSettings } from '../ports.js';
import { currentSender, isProven, senderProblem, type SenderDeps, type SenderIdentity } from '../senders.js';
import { MAX_REQUEST_BYTES } from '../requests/limits.js';
import type { TenantSettings } from './policy.js';

/** An email address as SMTP allows it (at most 254 characters). */
export const emailSchema = z.email().check(z.maxLength(254));
const expiryDaysSchema = z.int().check(z.minimum(1), z.maximum(3650));

export const tenantSettingsSchema = z
  .strictObject({
    adminNotificationSender: z.nullable(emailSchema),
    deviceBindingEnabled: z.boolean(),
    requirePassword: z.boolean(),
    defaultExpiryDays: expiryDaysSchema,
    maxExpiryDays: z.nullable(expiryDaysSchema),
    // Settings added after the first release are optional here (absent: unchanged) and always in GET.
    dailyPartnerEmailLimit: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
    // Added after the first release: optional here (absent = unchanged), always present in GET.
    fileRequestsEnabled: z.optional(z.boolean()),
    defaultRequestMaxBytes: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_REQUEST_BYTES))),
  })
  .check(
    z.refine((s) => s.maxExpiryDays === null || s.defaultExpiryDays <= s.maxExpiryDays, {
      message: 'must not exceed maxExpiryDays',
      path: ['defaultExpiryDays'],
    }),
  );

export type TenantSettingsInput = z.output<typeof tenantSettingsSchema>;

export const userSettingsSchema = z.strictObject({
  notificationSender: z.nullable(emailSchema),
});

/** Who is saving their settings: the id and, only when Cognito verified it, the sign-in address. */
export interface SettingsCaller {
  userId: string;
  /** The verified sign-in address, or '' when it is not verified. */
  email: string;
}

/**
 * Users set their own sender only while the administrator has not set a system sender, and only
 * to an address they proved: their verified sign-in address (the proof is recorded now) or one
 * confirmed with a code (`sender-verification.ts`). It must also lie within the SES identity.
 */
export async function saveUserSettings(deps: SenderDeps & { nowMs: number }, caller: SettingsCaller, settings: UserSettings) {
  const tenant = await deps.shares.getTenantSettings();
  if (tenant.adminNotificationSender) {
    throw new AppError(
      'ADMIN_SENDER_ENFORCED',
      `Emails are sent from the administrator's address ${tenant.adminNotificationSender}; it cannot be changed here.`,
    );
  }
  const sender = settings.notificationSender?.toLowerCase() ?? null;
  if (sender !== null) {
    const problem = senderProblem(deps.identity, sender);
    if (problem) throw new AppError(deps.identity.mode === 'off' ? 'EMAIL_DISABLED' : 'SENDER_NOT_ALLOWED', problem);
    if (caller.email && sender === caller.email.toLowerCase()) {
      await deps.proofs.prove(caller.userId, sender, 'sign-in', new Date(deps.nowMs).toISOString());
    } else if (!(await isProven(deps.proofs, caller.userId, sender))) {
      throw new AppError(
        'SENDER_NOT_VERIFIED',
        `Confirm ${sender} first: ShareLink sends a code to it (Settings, "Send code"), so only its owner can use it as a sender.`,
      );
    }
  }
  await deps.shares.putUserSettings(caller.userId, { notificationSender: sender });
  return currentSender(deps, caller.userId, tenant);
}

/**
 * Saves the tenant policy. Fields added after the first release may be left out (they stay as
 * they are). The system sender needs no code (administrators are trusted) but must lie within
 * the deployment's SES identity, checked here so nothing fails later when an email goes out.
 */
/** Saves the administrator's settings (the sender within the deployment's identity); later, optional ones keep their stored value when absent. */
export async function saveTenantSettings(
  shares: ShareRepository,
  identity: SenderIdentity,
  input: TenantSettingsInput,
): Promise<TenantSettings> {
  if (input.adminNotificationSender !== null) {
    const problem = senderProblem(identity, input.adminNotificationSender);
    if (problem) throw new AppError(identity.mode === 'off' ? 'EMAIL_DISABLED' : 'SENDER_NOT_ALLOWED', problem);
  }
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<TenantSettings>;
  const settings: TenantSettings = { ...(await shares.getTenantSettings()), ...given };
  await shares.putTenantSettings(settings);
  return settings;
}
