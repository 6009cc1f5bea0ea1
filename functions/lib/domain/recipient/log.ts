import type { AppError } from '../../errors.js';
import type { AccessEvent } from '../ports.js';
import type { Share } from '../share.js';
import { clientHash } from '../tokens.js';
import { partnerKey } from './partners.js';
import type { Recipient, RecipientDeps } from './access.js';

/** The share's access log, as recipients' requests write it. */

/** Records an access event; the access log must never break access itself. */
export async function record(
  deps: RecipientDeps,
  share: Share,
  who: Recipient,
  kind: AccessEvent['kind'],
  file?: string,
  /** A zip transfer's file count, id and selected names. */
  details: Pick<AccessEvent, 'fileCount' | 'transferId' | 'names'> = {},
) {
  const at = new Date(deps.nowMs).toISOString();
  // What the owner's partner list shows: when this partner first downloaded.
  if (who.email !== undefined && kind === 'download') {
    await deps.shares.notePartner(share.id, partnerKey(who.email), 'downloadedAt', at).catch(() => undefined);
  }
  await deps.shares
    .addEvent(
      share.id,
      {
        kind,
        at,
        client: clientHash(deps.signingKey, who.sourceIp),
        userAgent: who.userAgent.slice(0, 256),
        ...(file === undefined ? {} : { file }),
        ...(who.email === undefined ? {} : { email: who.email }),
        ...details,
      },
      share.expiresAt,
    )
    .catch(() => undefined);
}

/** Records the denial in the share's access log, then refuses. */
export async function deny(deps: RecipientDeps, share: Share, who: Recipient, error: AppError, file?: string): Promise<never> {
  await record(deps, share, who, `denied:${error.code}`, file);
  throw error;
}
