import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../contract/table.js';
import type { AttemptCounters, CounterKey, Outbox, OutboxMessage, Reservation, SenderProof, SenderProofs } from '../domain/ports.js';
import { isConditionFailure } from './dynamo-items.js';

/**
 * Attempt counters, quotas, sender proofs and the outbox, in the one table next to what they
 * protect (`contract/table.ts`). Everything that counts is a conditional write, so racing
 * requests (several Lambda instances, or one client's parallel requests) cannot count past a
 * limit; each condition says, in a comment, why it holds.
 */

const DAY_S = 24 * 3600;
/** Sender proofs outlive their code; a proved address is kept a year after it was last used or proved. */
const PROOF_RETENTION_S = 365 * DAY_S;

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

export class DynamoSecurityStore implements AttemptCounters, Outbox, SenderProofs {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Sends a conditional write: true if it applied, false if its condition failed. */
  private async conditional(command: UpdateCommand | PutCommand): Promise<boolean> {
    try {
      await (command instanceof PutCommand ? this.db.send(command) : this.db.send(command));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async reserve(counter: CounterKey, nowMs: number, limit: number, windowSeconds: number): Promise<Reservation> {
    const now = Math.floor(nowMs / 1000);
    const cutoff = now - windowSeconds;
    // Within the current window, one more slot. `attempts < :limit` is checked and incremented in
    // one write, so N racing requests take at most the free slots, never more.
    const takeSlot = async (): Promise<number | undefined> => {
      try {
        const { Attributes } = await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: counter,
            UpdateExpression: 'ADD attempts :one',
            ConditionExpression: 'attempts < :limit AND windowStart > :cutoff',
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':cutoff': cutoff },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return numberOr(Attributes?.windowStart, now);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    };
    // No counter yet, or its window is over: a new window, holding this attempt. Only a missing or
    // ended window may be replaced, so a window with failures in it is never reset early.
    const openWindow = () =>
      this.conditional(
        new UpdateCommand({
          TableName: this.tableName,
          Key: counter,
          UpdateExpression: 'SET attempts = :one, failures = :zero, windowStart = :now, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(windowStart) OR windowStart <= :cutoff',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': now, ':cutoff': cutoff, ':ttl': now + windowSeconds + DAY_S },
        }),
      );
    const first = await takeSlot();
    if (first !== undefined) return { status: 'reserved', windowStart: first };
    if (await openWindow()) return { status: 'reserved', windowStart: now };
    // A parallel request may have opened the window between the two writes above.
    const retried = await takeSlot();
    if (retried !== undefined) return { status: 'reserved', windowStart: retried };
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: counter, ConsistentRead: true }));
    const windowStart = numberOr(Item?.windowStart, now);
    if (windowStart <= cutoff) return { status: 'busy' }; // the window ended meanwhile: try again
    // Counters written before failures were counted apart hold only unreturned reservations: all failures.
    const failures = numberOr(Item?.failures, numberOr(Item?.attempts, 0));
    if (failures < limit) return { status: 'busy' };
    return { status: 'exhausted', retryAfterSeconds: Math.max(1, windowStart + windowSeconds - now) };
  }

  async release(counter: CounterKey, windowStart: number): Promise<void> {
    // Only in the window the slot was taken in (a new window starts from 1 and owes this attempt
    // nothing), and never below zero.
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: counter,
        UpdateExpression: 'ADD attempts :minusOne',
        ConditionExpression: 'windowStart = :windowStart AND attempts > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0, ':windowStart': windowStart },
      }),
    );
  }

  async fail(counter: CounterKey, windowStart: number): Promise<number> {
    try {
      // Same window only: a failure counts in the window whose slot it held. ADD is atomic, so
      // each failure is counted once and the returned total is this failure's rank.
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: counter,
          UpdateExpression: 'ADD failures :one',
          ConditionExpression: 'windowStart = :windowStart',
          ExpressionAttributeValues: { ':one': 1, ':windowStart': windowStart },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return numberOr(Attributes?.failures, 0);
    } catch (error) {
      if (isConditionFailure(error)) return 0;
      throw error;
    }
  }

  async take(counter: CounterKey, amount: number, limit: number, expiresAtEpoch: number): Promise<boolean> {
    if (amount > limit) return false;
    // The room left is checked and used in one write: `used <= limit - amount` before adding, so
    // racing requests together never pass the limit.
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: counter,
        UpdateExpression: 'SET #ttl = :ttl ADD used :amount',
        ConditionExpression: 'attribute_not_exists(used) OR used <= :room',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':amount': amount, ':room': limit - amount, ':ttl': expiresAtEpoch },
      }),
    );
  }

  queue(key: CounterKey, message: OutboxMessage, expiresAtEpoch: number): Promise<boolean> {
    // attribute_not_exists: the first writer of a key wins, so an email is queued once per key
    // however many requests (or retries) ask for it; the stream sees one INSERT.
    return this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...key, ...message, ttl: expiresAtEpoch },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(userId: string, address: string): Promise<SenderProof | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.senderProof(userId, address), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const provenBy: unknown = Item.provenBy;
    return {
      address: typeof Item.address === 'string' ? Item.address : address.toLowerCase(),
      codeHash: typeof Item.codeHash === 'string' ? Item.codeHash : null,
      codeExpiresAt: typeof Item.codeExpiresAt === 'number' ? Item.codeExpiresAt : null,
      provenAt: typeof Item.provenAt === 'string' ? Item.provenAt : null,
      provenBy: provenBy === 'sign-in' || provenBy === 'code' ? provenBy : null,
    };
  }

  async putCode(userId: string, address: string, codeHash: string, expiresAtEpoch: number): Promise<void> {
    // An update, not a put: a proof made earlier (provenAt) survives a new code.
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.senderProof(userId, address),
        UpdateExpression: 'SET address = :address, codeHash = :hash, codeExpiresAt = :expires, #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':address': address.toLowerCase(),
          ':hash': codeHash,
          ':expires': expiresAtEpoch,
          ':ttl': expiresAtEpoch + PROOF_RETENTION_S,
        },
      }),
    );
  }

  prove(userId: string, address: string, by: 'sign-in' | 'code', nowIso: string, codeHash?: string): Promise<boolean> {
    const ttl = Math.floor(Date.parse(nowIso) / 1000) + PROOF_RETENTION_S;
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.senderProof(userId, address),
        UpdateExpression: 'SET address = :address, provenAt = :now, provenBy = :by, #ttl = :ttl REMOVE codeHash, codeExpiresAt',
        // With a code: only while that code is the pending one, so a code is used once and a
        // newer code (sent meanwhile) is not consumed by an older one.
        ...(codeHash === undefined ? {} : { ConditionExpression: 'codeHash = :hash' }),
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':address': address.toLowerCase(),
          ':now': nowIso,
          ':by': by,
          ':ttl': ttl,
          ...(codeHash === undefined ? {} : { ':hash': codeHash }),
        },
      }),
    );
  }
}
