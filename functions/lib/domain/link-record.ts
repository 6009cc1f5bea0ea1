import { policyViolation } from '../errors.js';
import type { Locale } from './locale.js';
import { generatePassword, hashPassword } from './passwords.js';
import type { StoredStatus } from './share.js';

/**
 * What a share link and a file request have alike: who made it and how recipients name them,
 * its password, its life and the language its emails go out in. `share.ts` and
 * `requests/request.ts` add what each is for.
 */
export interface LinkRecord {
  id: string;
  ownerId: string;
  /** The owner's verified sign-in address at creation ('' if it was not verified): alerts go there. */
  ownerEmail: string;
  /**
   * What recipients are told about the owner: the name an administrator gave them, else their
   * verified address (never an unverified claim). Absent on links created before it was recorded.
   */
  ownerName?: string;
  /** scrypt hash, or null when the link has no password. */
  passwordHash: string | null;
  passwordVersion: number;
  status: StoredStatus;
  createdAt: string;
  /** null: never expires. */
  expiresAt: string | null;
  cancelledAt: string | null;
  /** The owner's language when creating it: its emails go out in it. Absent (English) on older ones. */
  locale?: Locale;
}

export interface Owner {
  userId: string;
  /** The verified sign-in address, or '' when Cognito has not verified it. */
  email: string;
  /** The display name an administrator gave the user (Cognito `name`), if any. */
  name?: string | undefined;
}

/** What recipients are told about an owner who has neither a name nor a verified address. */
export const UNNAMED_OWNER = 'A ShareLink user';

/** What recipients see of a link's owner: the name an administrator gave, else the verified address. */
export function ownerDisplayName(owner: Owner): string {
  return owner.name?.trim() || owner.email || UNNAMED_OWNER;
}

export type PasswordChoice = { mode: 'auto' } | { mode: 'custom'; value: string } | { mode: 'none' };

/**
 * The password a new link gets: generated (`generated`, shown once), the owner's own, or none
 * where the tenant allows it. `plain` is what to hash.
 */
export function choosePassword(choice: PasswordChoice, requirePassword: boolean): { generated?: string; plain?: string } {
  if (choice.mode === 'none') {
    if (requirePassword) throw policyViolation('A password is required: the tenant does not allow links without one.');
    return {};
  }
  if (choice.mode === 'custom') return { plain: choice.value };
  const generated = generatePassword();
  return { generated, plain: generated };
}

/** A new link's common fields: active from now, its password hashed, its owner named as recipients will see them. */
export async function newLinkRecord(input: {
  id: string;
  owner: Owner;
  plain: string | undefined;
  expiresAt: string | null;
  nowMs: number;
  locale: Locale | undefined;
}): Promise<LinkRecord> {
  return {
    id: input.id,
    ownerId: input.owner.userId,
    ownerEmail: input.owner.email,
    ownerName: ownerDisplayName(input.owner),
    passwordHash: input.plain === undefined ? null : await hashPassword(input.plain),
    passwordVersion: 1,
    status: 'active',
    createdAt: new Date(input.nowMs).toISOString(),
    expiresAt: input.expiresAt,
    cancelledAt: null,
    ...(input.locale ? { locale: input.locale } : {}),
  };
}
