import { createHash } from 'node:crypto';
import * as z from 'zod/mini';

/**
 * Verified recipients ("partners"): the people a link was sent to, each opening it with a code
 * emailed to them. Each partner's state lives on the share item under `partners.<key>`, so
 * binding a partner's device, noting what they did and revoking them are single conditional
 * writes on that one path.
 */

/** One partner of a link, as stored on the share. */
export interface Partner {
  /** Normalised (trimmed, lower-case). */
  email: string;
  /** Bumped when the partner is revoked or their device reset: tokens carry the version they were issued under. */
  version: number;
  /** Hash of the device this partner unlocked with first (links with device binding). */
  boundDevice: string | null;
  invitedAt: string;
  openedAt: string | null;
  downloadedAt: string | null;
  /** Set while the partner is revoked: no codes, no access. */
  revokedAt: string | null;
}

/** Trims and lower-cases, then checks the address: one address, one partner, whatever case it is typed in. */
export const partnerEmailSchema = z.pipe(
  z.pipe(
    z.string().check(z.maxLength(320)),
    z.transform((value: string) => value.trim().toLowerCase()),
  ),
  z.email('must be an email address').check(z.maxLength(254)),
);

/** The partner's key on the share: a hash, so any address is a safe attribute name. */
export function partnerKey(email: string): string {
  return createHash('sha256').update(`partner:${email.trim().toLowerCase()}`).digest('base64url').slice(0, 22);
}

export function newPartner(email: string, nowIso: string): Partner {
  return { email, version: 0, boundDevice: null, invitedAt: nowIso, openedAt: null, downloadedAt: null, revokedAt: null };
}

export type PartnerStatus = 'invited' | 'opened' | 'downloaded' | 'revoked';

export function partnerStatus(partner: Partner): PartnerStatus {
  if (partner.revokedAt) return 'revoked';
  if (partner.downloadedAt) return 'downloaded';
  if (partner.openedAt) return 'opened';
  return 'invited';
}

/** The owner's view of a link's partners, in the order of the link's recipients. */
export function partnersView(partners: Record<string, Partner> | undefined, recipients: string[] = []) {
  const order = new Map(recipients.map((email, index) => [email.trim().toLowerCase(), index]));
  const rank = (partner: Partner) => order.get(partner.email) ?? recipients.length;
  return Object.values(partners ?? {})
    .sort((a, b) => rank(a) - rank(b) || (a.invitedAt < b.invitedAt ? -1 : a.invitedAt > b.invitedAt ? 1 : a.email < b.email ? -1 : 1))
    .map((partner) => ({
      email: partner.email,
      status: partnerStatus(partner),
      invitedAt: partner.invitedAt,
      openedAt: partner.openedAt,
      downloadedAt: partner.downloadedAt,
      revokedAt: partner.revokedAt,
      deviceBound: partner.boundDevice !== null,
    }));
}

/** A partner who may open the link now: listed and not revoked. */
export function activePartner(partners: Record<string, Partner> | undefined, key: string): Partner | undefined {
  const partner = partners?.[key];
  return partner && !partner.revokedAt ? partner : undefined;
}

/** Partner entries for a new link's recipients. */
export function partnersFor(recipients: string[], nowIso: string): Record<string, Partner> {
  const map: Record<string, Partner> = {};
  for (const email of recipients) map[partnerKey(email)] = newPartner(email.trim().toLowerCase(), nowIso);
  return map;
}
