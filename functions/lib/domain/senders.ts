/**
 * Which addresses email may come from. A deployment says it once (`SENDER_IDENTITY`, set by
 * `infra/` from `-c senderAddress` / `-c senderDomain`, and by the local runtime): every sender
 * (the administrator's system sender, each user's own) must lie within that SES identity, and
 * a deployment without one sends no email at all. Plain data and checks: no AWS imports.
 */
import type { SenderProofs, ShareRepository } from './ports.js';
import type { TenantSettings } from './settings/policy.js';

export type SenderIdentity =
  /** The local runtime: any address; every email lands in the local inbox. */
  | { mode: 'local' }
  /** Deployed without an SES identity: no email is sent, so none may be asked for. */
  | { mode: 'off' }
  /** One verified address: the only one email may come from. */
  | { mode: 'address'; address: string }
  /** A verified domain: any address in it or its subdomains. */
  | { mode: 'domain'; domain: string };

/** From address of the service's own emails (codes, lock alerts) when no system sender is set. */
export const LOCAL_SERVICE_SENDER = 'no-reply@sharelink.local';

/**
 * `local`, `off`, `address:<email>` or `domain:<domain>`; undefined for anything else (a
 * deployment mistake the configuration reports).
 */
export function parseSenderIdentity(raw: string): SenderIdentity | undefined {
  if (raw === 'local' || raw === 'off') return { mode: raw };
  const [mode, value] = [
    raw.slice(0, raw.indexOf(':')),
    raw
      .slice(raw.indexOf(':') + 1)
      .trim()
      .toLowerCase(),
  ];
  if (mode === 'address' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { mode, address: value };
  if (mode === 'domain' && /^[a-z0-9.-]+\.[a-z]{2,63}$/.test(value)) return { mode, domain: value };
  return undefined;
}

/** The value `parseSenderIdentity` reads back (infra/ and the local runtime write it). */
export function formatSenderIdentity(identity: SenderIdentity): string {
  if (identity.mode === 'address') return `address:${identity.address}`;
  if (identity.mode === 'domain') return `domain:${identity.domain}`;
  return identity.mode;
}

export const emailEnabled = (identity: SenderIdentity): boolean => identity.mode !== 'off';

/** What the identity allows, in words (for refusals and the web app). */
export function describeIdentity(identity: SenderIdentity): string {
  switch (identity.mode) {
    case 'local':
      return 'any address (local runtime: every email lands in the local inbox)';
    case 'off':
      return 'no address: this deployment sends no email';
    case 'address':
      return `only ${identity.address}`;
    case 'domain':
      return `addresses at ${identity.domain} or its subdomains`;
  }
}

/** Why email may not come from this address in this deployment, or undefined if it may. */
export function senderProblem(identity: SenderIdentity, address: string): string | undefined {
  const lower = address.toLowerCase();
  const domain = lower.slice(lower.lastIndexOf('@') + 1);
  switch (identity.mode) {
    case 'local':
      return undefined;
    case 'off':
      return 'This deployment sends no email (it was deployed without -c senderAddress or -c senderDomain), so no sender can be set.';
    case 'address':
      return lower === identity.address ? undefined : `Email can only come from ${identity.address} in this deployment.`;
    case 'domain':
      return domain === identity.domain || domain.endsWith(`.${identity.domain}`)
        ? undefined
        : `Email can only come from addresses at ${identity.domain} in this deployment.`;
  }
}

/**
 * The From address of the service's own emails (sender codes, lock alerts): the administrator's
 * system sender when set (it was checked against the identity when saved), else the identity's
 * address, `no-reply@<domain>`, or a fixed local address; null when email is off.
 */
export function serviceSender(identity: SenderIdentity, adminSender: string | null): string | null {
  if (identity.mode === 'off') return null;
  if (adminSender && senderProblem(identity, adminSender) === undefined) return adminSender;
  if (identity.mode === 'address') return identity.address;
  if (identity.mode === 'domain') return `no-reply@${identity.domain}`;
  return LOCAL_SERVICE_SENDER;
}

export interface SenderDeps {
  shares: ShareRepository;
  proofs: SenderProofs;
  identity: SenderIdentity;
}

/** Whose address a user's emails come from, and the address itself when one may be used now. */
export interface CurrentSender {
  /** `admin`: the administrator's system sender applies (users cannot change it); `user`: their own. */
  mode: 'admin' | 'user';
  /** null: no email can go out (none set, not proven, outside the identity, or email off). */
  sender: string | null;
  editable: boolean;
}

/** True if the user proved this address (a code sent to it, or it is their verified sign-in address). */
export async function isProven(proofs: SenderProofs, userId: string, address: string): Promise<boolean> {
  return (await proofs.get(userId, address))?.provenAt != null;
}

/**
 * The sender of a user's emails as it stands: the administrator's system sender when set (it
 * needs no proof: administrators are trusted), else the user's own, only once proven. Either
 * must lie within the deployment's SES identity, so nothing is ever sent from an address that
 * was not allowed when it was saved, or has not been allowed since.
 */
export async function currentSender(deps: SenderDeps, userId: string, tenant?: TenantSettings): Promise<CurrentSender> {
  const settings = tenant ?? (await deps.shares.getTenantSettings());
  const allowed = (address: string | null) => (address && senderProblem(deps.identity, address) === undefined ? address : null);
  if (settings.adminNotificationSender) {
    return { mode: 'admin', sender: allowed(settings.adminNotificationSender), editable: false };
  }
  const own = (await deps.shares.getUserSettings(userId)).notificationSender;
  const proven = own !== null && (await isProven(deps.proofs, userId, own));
  return { mode: 'user', sender: proven ? allowed(own) : null, editable: emailEnabled(deps.identity) };
}
