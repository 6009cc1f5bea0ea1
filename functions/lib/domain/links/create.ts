import * as z from 'zod/mini';
import { keys } from '../../contract/table.js';
import { AppError, notFound, policyViolation, validationFailed } from '../../errors.js';
import { newShareId } from '../ids.js';
import { localeSchema } from '../locale.js';
import { nameKey, nameProblem, normalizeName } from '../names.js';
import type { PartnerPasswordHold } from '../notify/notifications.js';
import { customPasswordSchema } from '../passwords.js';
import { anyPathSchema, baseName, isFolderPath, keyOf, shareAliasSchema } from '../paths.js';
import { expirySchema, resolveExpiry } from '../expiry.js';
import type { AttemptCounters, FileStore, SenderProofs, ShareRepository } from '../ports.js';
import { currentSender, emailEnabled, type SenderIdentity } from '../senders.js';
import type { TenantSettings } from '../settings/policy.js';
import { ownerView, type Share, type ShareItem } from '../share.js';
import { partnersFor } from '../recipient/partners.js';

export const MAX_ITEMS_PER_SHARE = 1000;

/** A link's download limit: how many downloads before it refuses more. */
export const downloadLimitSchema = z.int().check(z.minimum(1), z.maximum(1_000_000));
export const createShareSchema = z.strictObject({
  items: z
    .array(z.strictObject({ path: anyPathSchema, alias: z.optional(shareAliasSchema) }))
    .check(
      z.minLength(1, 'select at least one file or folder'),
      z.maxLength(MAX_ITEMS_PER_SHARE, `at most ${MAX_ITEMS_PER_SHARE} items per share`),
    ),
  allowDownload: z._default(z.boolean(), true),
  password: z._default(
    z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('auto') }),
      z.strictObject({ mode: z.literal('custom'), value: customPasswordSchema }),
      z.strictObject({ mode: z.literal('none') }),
    ]),
    { mode: 'auto' },
  ),
  expiry: z.optional(expirySchema),
  recipients: z._default(z.array(z.email()).check(z.maxLength(50, 'at most 50 recipients')), []),
  message: z.optional(z.string().check(z.maxLength(2000))),
  includePasswordInEmail: z._default(z.boolean(), false),
  notifyOnDownload: z._default(z.boolean(), false),
  deviceBinding: z._default(z.boolean(), false),
  /** Only the recipients may open the link, each with a code emailed to them (needs at least one recipient). */
  verifyRecipients: z._default(z.boolean(), false),
  maxDownloads: z.optional(z.nullable(downloadLimitSchema)),
  locale: localeSchema,
});

export type CreateShareInput = z.output<typeof createShareSchema>;

export { ownerDisplayName, UNNAMED_OWNER, type Owner } from '../link-record.js';
import { choosePassword, newLinkRecord, type Owner } from '../link-record.js';

// DynamoDB items are at most 400 KB; leave room for the rest of the share.
const MAX_ITEMS_BYTES = 300_000;

/** Checks each item exists in the owner's space (files: a HEAD, folders: one key), 16 at a time. */
async function resolveItems(files: FileStore, owner: Owner, input: CreateShareInput['items']): Promise<ShareItem[]> {
  const seenPaths = new Set<string>();
  const seenAliases = new Map<string, string>();
  const items = input.map(({ path, alias }) => {
    if (seenPaths.has(path)) throw validationFailed(`Invalid request body: items: "${path}" is selected twice`);
    seenPaths.add(path);
    // Names shown to recipients follow names.ts: NFC, no invisible characters, unique ignoring case.
    const name = alias ?? normalizeName(baseName(path));
    const problem = alias === undefined ? nameProblem(name) : undefined;
    if (problem) throw validationFailed(`Invalid request body: items: the name of "${path}" ${problem}; give it an alias`);
    const folded = nameKey(name);
    const clash = seenAliases.get(folded);
    if (clash !== undefined) {
      throw validationFailed(`Invalid request body: items: "${path}" and "${clash}" would both be named "${name}"; give one an alias`);
    }
    seenAliases.set(folded, path);
    return { path, alias: name, kind: isFolderPath(path) ? ('folder' as const) : ('file' as const) };
  });
  if (Buffer.byteLength(JSON.stringify(items)) > MAX_ITEMS_BYTES) {
    throw validationFailed('Invalid request body: items: too many long paths for one share; share their folder instead');
  }
  const resolved: ShareItem[] = new Array<ShareItem>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index]!;
      if (item.kind === 'folder') {
        if (!(await files.hasAny(keyOf(owner.userId, item.path)))) throw notFound(`Folder not found: ${item.path}`);
        resolved[index] = item;
      } else {
        const stat = await files.stat(keyOf(owner.userId, item.path));
        if (!stat) throw notFound(`File not found: ${item.path}`);
        resolved[index] = { ...item, size: stat.size };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, items.length) }, worker));
  return resolved;
}

export interface CreateShareDeps {
  shares: ShareRepository;
  files: FileStore;
  baseUrl: string;
  nowMs: number;
  /** Keeps the password, sealed, for the partner emails; needed when the owner asks to email it. */
  partnerPassword?: PartnerPasswordHold;
  /** Which addresses email may come from, and which the owner proved. */
  identity: SenderIdentity;
  proofs: SenderProofs;
  /** The owner's daily count of partner emails. */
  counters: AttemptCounters;
}

/**
 * Email asked for (partners, download alerts) must be possible now: email is on, a sender the
 * owner may use exists, and partner emails stay within the owner's daily cap (counted here,
 * with a conditional write, because each recipient of a new link is one email).
 */
async function assertEmailPossible(deps: CreateShareDeps, owner: Owner, input: CreateShareInput, policy: TenantSettings) {
  if (input.recipients.length === 0 && !input.notifyOnDownload) return;
  if (!emailEnabled(deps.identity)) {
    throw new AppError(
      'EMAIL_DISABLED',
      'This ShareLink sends no email (it was deployed without a sender address or domain): remove the recipients and the download alerts, and send the link yourself.',
    );
  }
  if (input.recipients.length === 0) return;
  await chargePartnerEmails(
    deps,
    owner.userId,
    input.recipients.length,
    policy,
    'this link would pass that. Send fewer now, or copy the link and send it yourself',
  );
}

/**
 * Partner emails about to go out (a new link's recipients, invitations) need a sender the
 * owner may use, and are counted against the owner's daily cap with a conditional write.
 * `passing` says in words what would pass the cap.
 */
export async function chargePartnerEmails(
  deps: Pick<CreateShareDeps, 'shares' | 'proofs' | 'identity' | 'counters' | 'nowMs'>,
  ownerId: string,
  count: number,
  policy: TenantSettings,
  passing: string,
): Promise<void> {
  const { sender } = await currentSender({ shares: deps.shares, proofs: deps.proofs, identity: deps.identity }, ownerId, policy);
  if (!sender) {
    throw new AppError(
      'NOTIFICATION_SENDER_NOT_CONFIGURED',
      'No sender address is configured for emails: set one in your personal settings, or ask an administrator to set a system sender.',
    );
  }
  const day = new Date(deps.nowMs).toISOString().slice(0, 10);
  const endOfDay = Math.floor(Date.parse(`${day}T00:00:00.000Z`) / 1000) + 24 * 3600;
  const limit = policy.dailyPartnerEmailLimit;
  if (!(await deps.counters.take(keys.partnerEmails(ownerId, day), count, limit, endOfDay + 24 * 3600))) {
    throw new AppError(
      'EMAIL_LIMIT_REACHED',
      `You can email at most ${limit} partners a day, and ${passing}; the count starts again at 00:00 UTC.`,
    );
  }
}

export async function createShare(deps: CreateShareDeps, owner: Owner, input: CreateShareInput) {
  if (input.verifyRecipients && input.recipients.length === 0) {
    throw validationFailed('Invalid body: verifyRecipients: list at least one recipient: only they will be able to open the link.');
  }
  const policy = await deps.shares.getTenantSettings();
  const { generated, plain } = choosePassword(input.password, policy.requirePassword);
  if (input.deviceBinding && !policy.deviceBindingEnabled) {
    throw policyViolation('Device binding is turned off for this tenant; ask an administrator to enable it.');
  }
  const expiresAt = resolveExpiry(input.expiry ?? { days: policy.defaultExpiryDays }, policy, deps.nowMs);
  const items = await resolveItems(deps.files, owner, input.items);
  // After everything else is checked, so a refused link costs none of the day's partner emails.
  await assertEmailPossible(deps, owner, input, policy);

  const id = newShareId();
  // Before the share exists, so the notify function finds it when the new share reaches it.
  if (plain !== undefined && input.includePasswordInEmail && input.recipients.length > 0) {
    if (!deps.partnerPassword) throw new Error('createShare needs deps.partnerPassword to email the password');
    await deps.partnerPassword.hold(id, plain, 1, deps.nowMs);
  }
  const share: Share = {
    ...(await newLinkRecord({ id, owner, plain, expiresAt, nowMs: deps.nowMs, locale: input.locale })),
    items,
    allowDownload: input.allowDownload,
    downloadCount: 0,
    maxDownloads: input.maxDownloads ?? null,
    deviceBinding: input.deviceBinding,
    boundDevice: null,
    accessVersion: 0,
    recipients: input.recipients,
    verifyRecipients: input.verifyRecipients,
    partners: partnersFor(input.recipients, new Date(deps.nowMs).toISOString()),
    message: input.message?.trim() || null,
    notifyOnDownload: input.notifyOnDownload,
    includePasswordInEmail: input.includePasswordInEmail,
  };
  await deps.shares.create(share);
  return { ...ownerView(share, deps.baseUrl, deps.nowMs), ...(generated ? { password: generated } : {}) };
}
