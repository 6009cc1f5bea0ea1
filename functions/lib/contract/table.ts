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

/** Sort keys that stream filters and parsers match on. */
export const sortKeys = { shareMeta: META, eventPrefix: EVENT } as const;

/** Key builders, one per item kind. */
export const keys = {
  sharePartition: (shareId: string) => `${SHARE}${shareId}`,
  share: (shareId: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: META }),
  /** Sort-key prefix of a share's access events (newest last in key order). */
  eventPrefix: EVENT,
  event: (shareId: string, at: string, suffix: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${EVENT}${at}#${suffix}` }),
  attempts: (shareId: string, client: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${ATTEMPTS}${client}` }),
  heldPassword: (shareId: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: NOTIFY_PASSWORD }),
  sentPrefix: NOTIFY_SENT,
  sent: (shareId: string, key: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${NOTIFY_SENT}${key}` }),
  alertWindow: (shareId: string, subject: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${NOTIFY_WINDOW}${subject}` }),
  /** A recipient's zip download (docs/api.md, "Transfers"): what it covers, counted once, usable for an hour. */
  transfer: (shareId: string, transferId: string): TableKey => ({ pk: `${SHARE}${shareId}`, sk: `${TRANSFER}${transferId}` }),
  userSettings: (userId: string): TableKey => ({ pk: `USER#${userId}`, sk: SETTINGS }),
  tenantSettings: (): TableKey => ({ pk: 'TENANT', sk: SETTINGS }),
  /** The owner index's partition of one owner. */
  ownerPartition: (ownerId: string) => `OWNER#${ownerId}`,
  /** The owner index's attributes of a share, newest first by `createdAt`. */
  ownerIndex: (ownerId: string, createdAt: string, shareId: string) => ({ gsi1pk: `OWNER#${ownerId}`, gsi1sk: `${createdAt}#${shareId}` }),
} as const;

/** What a key of the table is, read back from a stream record or an item. */
export type ParsedKey = { kind: 'share'; shareId: string } | { kind: 'event'; shareId: string; sk: string } | { kind: 'other' };

export function parseKey(key: { pk?: unknown; sk?: unknown }): ParsedKey {
  const { pk, sk } = key;
  if (typeof pk !== 'string' || typeof sk !== 'string' || !pk.startsWith(SHARE)) return { kind: 'other' };
  const shareId = pk.slice(SHARE.length);
  if (sk === META) return { kind: 'share', shareId };
  if (sk.startsWith(EVENT)) return { kind: 'event', shareId, sk };
  return { kind: 'other' };
}
