import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { keys } from '../../contract/table.js';
import { AppError, validationFailed } from '../../errors.js';
import type { AttemptCounters, Outbox, PartnerEdit, SenderProofs } from '../ports.js';
import { activePartner, newPartner, partnerEmailSchema, partnerKey, partnersFor } from '../recipient/partners.js';
import { emailEnabled, type SenderIdentity } from '../senders.js';
import { chargePartnerEmails } from './create.js';
import type { Share } from '../share.js';
import type { OwnerDeps } from './manage.js';

/**
 * The owner's edits of a link's partners (PATCH /api/shares/{id}, `partners`): add (an
 * invitation is emailed), remove (their access ends), resend an invitation, revoke one partner
 * (listed as revoked, their tokens stop working), reset one partner's device binding.
 */
const MAX_PARTNERS = 50;
const addresses = z.optional(z.array(partnerEmailSchema).check(z.minLength(1), z.maxLength(MAX_PARTNERS)));
export const partnerEditsSchema = z.strictObject({
  add: addresses,
  remove: addresses,
  resend: addresses,
  revoke: addresses,
  resetDevice: addresses,
});
export type PartnerEditsInput = z.output<typeof partnerEditsSchema>;

/** Invitation outbox items only have to reach the notify function; a day covers every retry. */
const OUTBOX_RETENTION_SECONDS = 24 * 3600;

export interface PartnerEditDeps extends OwnerDeps {
  counters: AttemptCounters;
  outbox: Outbox;
  proofs: SenderProofs;
  identity: SenderIdentity;
}

/** Invitations (added partners, resends) count against the owner's daily partner emails, like a new link's. */
async function countInvitations(deps: PartnerEditDeps, share: Share, count: number) {
  if (count === 0) return;
  if (!emailEnabled(deps.identity)) throw new AppError('EMAIL_DISABLED', 'This ShareLink sends no email: invitations cannot be sent.');
  const policy = await deps.shares.getTenantSettings();
  await chargePartnerEmails(deps, share.ownerId, count, policy, 'these invitations would pass that');
}

/**
 * Checks the edits to the owner's active link `share` and charges their invitations; nothing is
 * written until the returned `apply()` runs, so a refused edit leaves the link as it was.
 * `apply()` stores the edits, queues the invitations and returns the link as stored afterwards.
 */
export async function preparePartnerEdits(
  deps: PartnerEditDeps,
  share: Share,
  input: PartnerEditsInput,
): Promise<{ apply: () => Promise<Share> }> {
  const lists = {
    add: input.add ?? [],
    remove: input.remove ?? [],
    resend: input.resend ?? [],
    revoke: input.revoke ?? [],
    resetDevice: input.resetDevice ?? [],
  };
  const all = Object.values(lists).flat();
  if (new Set(all).size !== all.length) throw validationFailed('Invalid body: partners: name each address in one list, once.');
  const nowIso = new Date(deps.nowMs).toISOString();
  const partners = share.partners ?? partnersFor(share.recipients, share.createdAt);
  const listed = (email: string) => share.recipients.some((recipient) => recipient.toLowerCase() === email);
  const requireActive = (email: string, what: string) => {
    if (!activePartner(partners, partnerKey(email)))
      throw validationFailed(`Invalid body: partners.${what}: ${email} is not an active partner of this link.`);
  };
  if ((lists.revoke.length || lists.resetDevice.length) && !share.verifyRecipients) {
    throw new AppError('POLICY_VIOLATION', 'Only links for verified recipients have partners to revoke or devices to reset.');
  }
  if (lists.resetDevice.length && !share.deviceBinding) throw new AppError('POLICY_VIOLATION', 'This link is not bound to devices.');
  lists.resend.forEach((email) => requireActive(email, 'resend'));
  lists.revoke.forEach((email) => requireActive(email, 'revoke'));
  lists.resetDevice.forEach((email) => requireActive(email, 'resetDevice'));
  for (const email of lists.remove) {
    if (!listed(email) && !partners[partnerKey(email)])
      throw validationFailed(`Invalid body: partners.remove: ${email} is not a partner of this link.`);
  }
  // Adding someone listed and active changes nothing; a revoked partner added again is a new invitation.
  const adds = lists.add.filter((email) => !activePartner(partners, partnerKey(email)));
  const recipients = [
    ...share.recipients.filter((recipient) => !lists.remove.includes(recipient.toLowerCase())),
    ...adds.filter((email) => !listed(email)),
  ];
  if (recipients.length > MAX_PARTNERS) throw validationFailed(`Invalid body: partners.add: at most ${MAX_PARTNERS} partners per link.`);
  if (share.verifyRecipients && recipients.length === 0) {
    throw validationFailed(
      'Invalid body: partners.remove: a link for verified recipients keeps at least one partner; cancel the link instead.',
    );
  }
  const edits: PartnerEdit[] = [
    // Versions start from the time, so a partner removed and added again never revives an old token.
    ...adds.map((email): PartnerEdit => ({
      op: 'add',
      key: partnerKey(email),
      partner: { ...newPartner(email, nowIso), version: deps.nowMs },
    })),
    ...lists.remove.map((email): PartnerEdit => ({ op: 'remove', key: partnerKey(email) })),
    ...lists.revoke.map((email): PartnerEdit => ({ op: 'revoke', key: partnerKey(email), at: nowIso })),
    ...lists.resetDevice.map((email): PartnerEdit => ({ op: 'resetDevice', key: partnerKey(email) })),
  ];
  await countInvitations(deps, share, adds.length + lists.resend.length);
  return {
    async apply() {
      const updated = await deps.shares.editPartners(share.id, share.ownerId, edits, recipients, share.partners ? undefined : partners);
      if (!updated) throw new AppError('CONFLICT', 'This link changed meanwhile (it was cancelled, or a partner was removed); reload it.');
      for (const to of [...adds, ...lists.resend]) {
        await deps.outbox.queue(
          keys.shareOutbox(share.id, `invite#${randomBytes(9).toString('base64url')}`),
          { kind: 'partner-invite', shareId: share.id, to },
          Math.floor(deps.nowMs / 1000) + OUTBOX_RETENTION_SECONDS,
        );
      }
      return updated;
    },
  };
}
