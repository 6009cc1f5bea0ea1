/**
 * What the DynamoDB adapters share: item lifetimes (TTL), the paging cursor handed to clients,
 * the owner's list of links or requests (newest first, filtered by status) and a partition's
 * access log. Links (`share-repository.ts`) and file requests (`request-repository.ts`) keep the
 * same shapes in the one table (contract/table.ts), so they read and write them the same way.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { tableSchema, type TableKey } from '../contract/table.js';
import type { AccessEvent, Page, ShareFilter } from '../domain/ports.js';
import { validationFailed } from '../errors.js';

const DAY_S = 24 * 3600;
/** Old items stay 30 days past expiry; TTL only tidies, it never enforces. */
export const RETAIN_AFTER_EXPIRY_S = 30 * DAY_S;
/** Items of something that never expires are kept a year (and the 30 days). */
const NEVER_EXPIRING_S = 365 * DAY_S;

export const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** TTL of a link's or a request's records: 30 days after it expires (a year and 30 days when it never does). */
export const ttlAfter = (expiresAt: string | null, nowIso: string) =>
  (expiresAt ? Math.max(epoch(expiresAt), epoch(nowIso)) : epoch(nowIso) + NEVER_EXPIRING_S) + RETAIN_AFTER_EXPIRY_S;

export const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as Error)?.name === 'ConditionalCheckFailedException';

const ownerCursorSchema = z.strictObject({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });
const partitionCursorSchema = z.strictObject({ pk: z.string(), sk: z.string() });

export const badCursor = () => validationFailed('Invalid query: cursor: not a cursor this listing gave out');

/** The last key read, as the opaque cursor a client sends back for the next page. */
export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

/** A cursor back into a key, if it is one of this schema's shape and passes `belongs` (it names the caller's partition). */
export function decodeCursor<T>(cursor: string, schema: z.ZodMiniType<T>, belongs: (key: T) => boolean = () => true): T {
  let key: T;
  try {
    key = schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badCursor();
  }
  if (!belongs(key)) throw badCursor();
  return key;
}

/** An item without its table keys and TTL (and any other bookkeeping attributes named). */
export function withoutKeys<T>(item: Record<string, unknown>, extra: readonly string[] = []): T {
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (!['pk', 'sk', 'gsi1pk', 'gsi1sk', 'ttl', ...extra].includes(name)) rest[name] = value;
  }
  return rest as T;
}

/**
 * One page of an owner's items on the owner index (`gsi1pk` = `partition`), newest first,
 * filtered by status as the owner's list tabs ask. A filter can make pages sparse, so it reads
 * on (asking only for what is missing, so the cursor stays exact), at most 10 reads a request.
 */
export async function queryOwnerItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  query: { filter: ShareFilter; cursor: string | undefined; limit: number; nowMs: number },
): Promise<Page<Record<string, unknown>>> {
  const now = new Date(query.nowMs).toISOString();
  const filters: Record<ShareFilter, Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeValues'> | undefined> = {
    all: undefined,
    cancelled: { FilterExpression: '#status = :cancelled', ExpressionAttributeValues: { ':cancelled': 'cancelled' } },
    active: {
      FilterExpression: '#status = :active AND (attribute_not_exists(expiresAt) OR expiresAt = :null OR expiresAt > :now)',
      ExpressionAttributeValues: { ':active': 'active', ':null': null, ':now': now },
    },
    expired: {
      FilterExpression: '#status = :active AND expiresAt <= :now',
      ExpressionAttributeValues: { ':active': 'active', ':now': now },
    },
  };
  const filterPart = filters[query.filter];
  let startKey: Record<string, unknown> | undefined =
    query.cursor === undefined ? undefined : decodeCursor(query.cursor, ownerCursorSchema, (key) => key.gsi1pk === partition);
  const items: Record<string, unknown>[] = [];
  for (let reads = 0; reads < 10 && items.length < query.limit; reads++) {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: tableSchema.ownerIndex.name,
        KeyConditionExpression: 'gsi1pk = :owner',
        ExpressionAttributeValues: { ':owner': partition, ...filterPart?.ExpressionAttributeValues },
        ...(filterPart ? { FilterExpression: filterPart.FilterExpression, ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ScanIndexForward: false,
        Limit: query.limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    if (!startKey) break;
  }
  return { items, nextCursor: encodeCursor(startKey) };
}

/**
 * Every item of a partition whose sort key starts with `prefix` (consistent reads, page after
 * page), up to `limit`; `extra` adds a filter or a projection.
 */
export async function queryPrefix(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  prefix: string,
  options: { limit?: number; extra?: Partial<QueryCommandInput> } = {},
): Promise<Record<string, unknown>[]> {
  const { limit = Infinity, extra } = options;
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ...extra,
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix, ...extra?.ExpressionAttributeValues },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < limit);
  return items.slice(0, limit);
}

/** An access event as stored: under its link's or request's partition, kept as long as the rest of it. */
export function eventItem(key: (suffix: string) => TableKey, event: AccessEvent, expiresAt: string | null): Record<string, unknown> {
  return { ...key(randomBytes(4).toString('hex')), ...event, ttl: ttlAfter(expiresAt, event.at) };
}

export async function putEvent(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: (suffix: string) => TableKey,
  event: AccessEvent,
  expiresAt: string | null,
): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: eventItem(key, event, expiresAt) }));
}

/** A page of a partition's access log, newest first: each event's own fields only (not its keys or TTL). */
export async function queryEvents(
  db: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  eventPrefix: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<AccessEvent>> {
  const startKey = cursor === undefined ? undefined : decodeCursor(cursor, partitionCursorSchema, (key) => key.pk === partition);
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': partition, ':events': eventPrefix },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const items = (page.Items ?? []).map((item) => {
    const { kind, at, file, size, uploader, client, userAgent, fileCount, email } = item as AccessEvent;
    const optional = { file, size, uploader, fileCount, email };
    return {
      kind,
      at,
      client,
      userAgent,
      ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    };
  });
  return { items, nextCursor: encodeCursor(page.LastEvaluatedKey) };
}

/**
 * The SET clauses of an owner's edit of their link or request: each changed field, and the TTL
 * following a new expiry (a link that never expires keeps no TTL: DynamoDB ignores a null one).
 * The names and values carry what the caller's condition needs: the owner and `active`.
 */
export function ownerEdit(
  ownerId: string,
  changes: Record<string, unknown> & { expiresAt?: string | null | undefined },
): { names: Record<string, string>; values: Record<string, unknown>; sets: string[] } {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':owner': ownerId, ':active': 'active' };
  const sets: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  if (changes.expiresAt !== undefined) {
    names['#ttl'] = 'ttl';
    values[':ttl'] = changes.expiresAt === null ? null : epoch(changes.expiresAt) + RETAIN_AFTER_EXPIRY_S;
    sets.push('#ttl = :ttl');
  }
  return { names, values, sets };
}

/** Applies a conditional update; the item as stored afterwards, or undefined when the condition failed. */
export async function updateIfAllowed(
  db: DynamoDBDocumentClient,
  input: Omit<UpdateCommandInput, 'ReturnValues'>,
): Promise<Record<string, unknown> | undefined> {
  try {
    const { Attributes } = await db.send(new UpdateCommand({ ...input, ReturnValues: 'ALL_NEW' }));
    return Attributes;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
