/**
 * The one table's key schema and every key the code writes or parses. The adapters, the
 * stream consumers, `infra/`, the local runtime's provisioning and the tests all build
 * keys here, so none of them can disagree about the layout (docs/architecture.md, "Data").
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  /** Owner listing: `OWNER#<sub>` / `<createdAt>#<id>`, newest first. */
  ownerIndex: { name: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
} as const;

export interface TableKey {
  pk: string;
  sk: string;
}

const SHARE = 'SHARE#';
const META = 'META';
const EVENT = 'EVENT#';
const ATTEMPTS = 'ATTEMPTS#';
const NOTIFY_PASSWORD = 'NOTIFY#password';
const NOTIFY_SENT = 'NOTIFY#sent#';
const NOTIFY_WINDOW = 'NOTIFY#window#';
const TRANSFER = 'TRANSFER#';
const SETTINGS = 'SETTINGS';
const LINK_ATTEMPTS = 'LINKATTEMPTS';
const OUTBOX = 'OUTBOX#';
const SENDER = 'SENDER#';
const EMAILS = 'EMAILS#';
const USER = 'USER#';
const REQUEST = 'REQUEST#';
const VISIT = 'VISIT#';
const UPLOAD = 'UPLOAD#';
const NAME = 'NAME#';
const CLAIM = 'CLAIM';
const CODE = 'CODE#';
const CODE_REQUESTS = 'CODEREQ#';
const LINK_CODES = 'LINKCODES#';
const CODE_ATTEMPTS = 'CODEATTEMPTS#';

/**
 * A file-request visit's `kind` attribute: `visit-idle` once nothing of the visit is in flight
 * and files arrived that no email listed yet (the notify function's cue), `visit-busy` otherwise.
 */
export const visitKinds = { idle: 'visit-idle', busy: 'visit-busy' } as const;

/** Sort keys that stream filters and parsers match on. */
export const sortKeys = { shareMeta: META, eventPrefix: EVENT, outboxPrefix: OUTBOX, visitPrefix: VISIT } as const;

/** Key builders, one per item kind. */
export const keys = {
  sharePartition: (shareId: string) => `${SHARE}${shareId}`,
  share: (shareId: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: META }),
  /** Sort-key prefix of a share's access events (newest last in key order). */
  eventPrefix: EVENT,
  event: (shareId: string, at: string, suffix: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${EVENT}${at}#${suffix}` }),
  attempts: (shareId: string, client: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${ATTEMPTS}${client}` }),
  /** Wrong passwords of a link from all clients together (the per-link cap). */
  linkAttempts: (shareId: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: LINK_ATTEMPTS }),
  /** An email for the notify function about a share (the lock alert), once per key. */
  shareOutbox: (shareId: string, key: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${OUTBOX}${key}` }),
  /** A user's own counters: sender codes sent, wrong codes per address. */
  userAttempts: (userId: string, counter: string): TableKey => ({ pk: `${USER}${userId}`, sk: `${ATTEMPTS}${counter}` }),
  /** A sender address a user is proving or has proved (lower case). */
  senderProof: (userId: string, address: string): TableKey => ({ pk: `${USER}${userId}`, sk: `${SENDER}${address.toLowerCase()}` }),
  /** Partner emails a user asked for on one UTC day (`YYYY-MM-DD`). */
  partnerEmails: (userId: string, day: string): TableKey => ({ pk: `${USER}${userId}`, sk: `${EMAILS}${day}` }),
  /** An email for the notify function about a user (a sender code). */
  userOutbox: (userId: string, key: string): TableKey => ({ pk: `${USER}${userId}`, sk: `${OUTBOX}${key}` }),
  /** A verified partner's pending access code (hashed), one per partner of a link. */
  recipientCode: (shareId: string, partner: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${CODE}${partner}` }),
  /** Codes one address asked for at a link in one 15-minute window (`window`: its number since the epoch). */
  codeRequests: (shareId: string, partner: string, window: number): TableKey => ({
    pk: `${SHARE}${shareId}`,
    sk: `${CODE_REQUESTS}${partner}#${window}`,
  }),
  /** Codes a link sent in one hour, to all its partners together (`window`: hours since the epoch). */
  linkCodes: (shareId: string, window: number): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${LINK_CODES}${window}` }),
  /** Wrong codes typed for one address at a link (an attempt counter). */
  codeAttempts: (shareId: string, partner: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${CODE_ATTEMPTS}${partner}` }),
  heldPassword: (shareId: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: NOTIFY_PASSWORD }),
  sentPrefix: NOTIFY_SENT,
  sent: (shareId: string, key: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${NOTIFY_SENT}${key}` }),
  alertWindow: (shareId: string, subject: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${NOTIFY_WINDOW}${subject}` }),
  /** A recipient's zip download (docs/api.md, "Transfers"): what it covers, counted once, usable for an hour. */
  transfer: (shareId: string, transferId: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${TRANSFER}${transferId}` }),
  userSettings: (userId: string): TableKey => ({ pk: `${USER}${userId}`, sk: SETTINGS }),
  tenantSettings: (): TableKey => ({ pk: 'TENANT', sk: SETTINGS }),
  /** The owner index's partition of one owner. */
  ownerPartition: (ownerId: string) => `OWNER#${ownerId}`,
  /** The owner index's attributes of a share, newest first by `createdAt`. */
  ownerIndex: (ownerId: string, createdAt: string, shareId: string) => ({ gsi1pk: `OWNER#${ownerId}`, gsi1sk: `${createdAt}#${shareId}` }),

  // File requests (upload links): the request, its visits, uploads and access events in one partition.
  requestPartition: (requestId: string) => `${REQUEST}${requestId}`,
  request: (requestId: string): TableKey => ({ pk: `${REQUEST}${requestId}`, sk: META }),
  requestEvent: (requestId: string, at: string, suffix: string): TableKey => ({
    pk: `${REQUEST}${requestId}`,
    sk: `${EVENT}${at}#${suffix}`,
  }),
  /** Sort-key prefix of a request's visits (one per unlock: the uploader's name, pending and stored counts). */
  visitPrefix: VISIT,
  visit: (requestId: string, visitId: string): TableKey => ({ pk: `${REQUEST}${requestId}`, sk: `${VISIT}${visitId}` }),
  /** Sort-key prefix of a request's uploads; `uploadPrefix + <visitId>#` narrows it to one visit. */
  uploadPrefix: UPLOAD,
  upload: (requestId: string, visitId: string, uploadId: string): TableKey => ({
    pk: `${REQUEST}${requestId}`,
    sk: `${UPLOAD}${visitId}#${uploadId}`,
  }),
  /** A write lock on one S3 key while an upload to it is in flight: no two uploads pick the same name. */
  nameClaim: (objectKey: string): TableKey => ({ pk: `${NAME}${objectKey}`, sk: CLAIM }),
  /** The owner index's partition of one owner's file requests (apart from their shares). */
  requestOwnerPartition: (ownerId: string) => `OWNER#${ownerId}#REQUESTS`,
  requestOwnerIndex: (ownerId: string, createdAt: string, requestId: string) => ({
    gsi1pk: `OWNER#${ownerId}#REQUESTS`,
    gsi1sk: `${createdAt}#${requestId}`,
  }),
} as const;

/** What a key of the table is, read back from a stream record or an item. */
export type ParsedKey =
  | { kind: 'share'; shareId: string }
  | { kind: 'event'; shareId: string; sk: string }
  | { kind: 'outbox'; pk: string; sk: string }
  | { kind: 'visit'; requestId: string; visitId: string }
  | { kind: 'other' };

export function parseKey(key: { pk?: unknown; sk?: unknown }): ParsedKey {
  const { pk, sk } = key;
  if (typeof pk !== 'string' || typeof sk !== 'string') return { kind: 'other' };
  if (sk.startsWith(OUTBOX)) return { kind: 'outbox', pk, sk };
  if (pk.startsWith(REQUEST) && sk.startsWith(VISIT)) {
    return { kind: 'visit', requestId: pk.slice(REQUEST.length), visitId: sk.slice(VISIT.length) };
  }
  if (!pk.startsWith(SHARE)) return { kind: 'other' };
  const shareId = pk.slice(SHARE.length);
  if (sk === META) return { kind: 'share', shareId };
  if (sk.startsWith(EVENT)) return { kind: 'event', shareId, sk };
  return { kind: 'other' };
}
