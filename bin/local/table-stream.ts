/**
 * The Lambda event source mapping for the table stream, locally: polls every open shard
 * of DynamoDB Local's stream and hands batches to the handler as DynamoDBStreamEvents.
 * Like the deployed mapping it retries a failed batch with growing pauses (from the first
 * failed record when the handler reports batchItemFailures), holding the shard meanwhile,
 * and then gives up on it: the records go to a dead-letter file (JSON lines), where the
 * deployed mapping would send them to the dead-letter queue.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type AttributeValue as SdkAttributeValue,
  type DynamoDBStreamsClient,
  type _Record as SdkRecord,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export interface TableStreamOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  handler: (event: DynamoDBStreamEvent) => Promise<unknown>;
  /** Records the function is given, as the deployed mapping's filter criteria decide; the others are skipped. */
  filter?: (record: DynamoDBRecord) => boolean;
  logError: (message: string, error: unknown) => void;
  /** Pause between polls when a round found nothing. */
  idleMs?: number;
  batchSize?: number;
  /** Attempts per batch before its records are dead-lettered (the deployed mapping's retries, then its DLQ). */
  maxAttempts?: number;
  /** Pause before the first retry; it doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Where records given up on are appended as JSON lines; without it they are only logged. */
  deadLetterFile?: string;
}

/** One line of the dead-letter file. */
export interface DeadLetter {
  failedAt: string;
  attempts: number;
  reason: string;
  records: DynamoDBRecord[];
}

export interface TableStreamPoller {
  stop(): Promise<void>;
}

interface ShardCursor {
  iterator: string | undefined;
  lastSequenceNumber: string | undefined;
}

/** The Lambda event encodes binary attributes as base64, the SDK returns bytes. */
function toEventValue(value: SdkAttributeValue): AttributeValue {
  // DynamoDB Local's stream gives an empty map as `{}` (a table read gives `{M: {}}`, and so does the
  // deployed stream); empty lists and sets keep their type, so `{}` can only be an empty map.
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.M !== undefined) return { M: toEventImage(value.M) ?? {} };
  if (value.L !== undefined) return { L: value.L.map(toEventValue) };
  return value as AttributeValue;
}

function toEventImage(image: Record<string, SdkAttributeValue> | undefined): Record<string, AttributeValue> | undefined {
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toEventValue(value)]));
}

export function toStreamEventRecord(record: SdkRecord, streamArn: string, region: string): DynamoDBRecord {
  const data = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
    dynamodb: {
      ...(data.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: Math.floor(data.ApproximateCreationDateTime.getTime() / 1000) }
        : {}),
      Keys: toEventImage(data.Keys),
      NewImage: toEventImage(data.NewImage),
      OldImage: toEventImage(data.OldImage),
      SequenceNumber: data.SequenceNumber,
      SizeBytes: data.SizeBytes,
      StreamViewType: data.StreamViewType,
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts (so stopping never waits out a backoff). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

export function pollTableStream(options: TableStreamOptions): TableStreamPoller {
  const { client, streamArn } = options;
  const idleMs = options.idleMs ?? 250;
  const batchSize = options.batchSize ?? 100;
  // 0.25 + 0.5 + 1 + 2 + 4 + 8 + 8 s: about 24 s of retries, enough to ride out a restart.
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 8000;
  const shards = new Map<string, ShardCursor>();
  const stopping = new AbortController();
  let stopped = false;

  async function iteratorFor(shardId: string, type: ShardIteratorType, sequenceNumber?: string) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber }),
    );
    return ShardIterator;
  }

  /** Open shards known at start are read from now on; shards that appear later, from their start. */
  async function discoverShards(startType: ShardIteratorType): Promise<void> {
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        const shardId = shard.ShardId;
        if (!shardId || shards.has(shardId)) continue;
        const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
        if (startType === 'LATEST' && closed) {
          shards.set(shardId, { iterator: undefined, lastSequenceNumber: undefined });
          continue;
        }
        shards.set(shardId, { iterator: await iteratorFor(shardId, startType), lastSequenceNumber: undefined });
      }
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
  }

  async function deadLetter(records: DynamoDBRecord[], attempts: number, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    let where = '';
    if (options.deadLetterFile) {
      const line: DeadLetter = { failedAt: new Date().toISOString(), attempts, reason, records };
      try {
        await mkdir(path.dirname(options.deadLetterFile), { recursive: true });
        await appendFile(options.deadLetterFile, `${JSON.stringify(line)}\n`);
        where = ` to ${options.deadLetterFile}`;
      } catch (writeError) {
        options.logError(`table stream: cannot write ${options.deadLetterFile}`, writeError);
      }
    }
    options.logError(`table stream: ${records.length} record(s) dead-lettered${where} after ${attempts} attempt(s)`, error);
  }

  /** Delivers a batch; returns once it succeeded or its failing records were dead-lettered. */
  async function deliver(records: SdkRecord[]): Promise<void> {
    let pending = records.map((r) => toStreamEventRecord(r, streamArn, options.region)).filter((r) => options.filter?.(r) ?? true);
    if (pending.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        const result = (await options.handler({ Records: pending })) as { batchItemFailures?: { itemIdentifier?: string }[] } | undefined;
        const failed = new Set((result?.batchItemFailures ?? []).map((item) => item.itemIdentifier));
        const firstFailure = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber));
        if (firstFailure === -1) return;
        // As Lambda does: the retry starts at the first failed record.
        pending = pending.slice(firstFailure);
        failure = new Error(`the handler reported record ${pending[0]!.dynamodb?.SequenceNumber} as failed`);
      } catch (error) {
        failure = error;
      }
      // Stopping mid-retry must not lose the records either.
      if (attempt >= maxAttempts || stopped) return deadLetter(pending, attempt, failure);
      await sleep(Math.min(backoffMs * 2 ** (attempt - 1), maxBackoffMs), stopping.signal);
    }
  }

  async function pollShard(shardId: string, cursor: ShardCursor): Promise<number> {
    if (!cursor.iterator) return 0;
    let response;
    try {
      response = await client.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: batchSize }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
      cursor.iterator = cursor.lastSequenceNumber
        ? await iteratorFor(shardId, 'AFTER_SEQUENCE_NUMBER', cursor.lastSequenceNumber)
        : await iteratorFor(shardId, 'LATEST');
      return 0;
    }
    const records = response.Records ?? [];
    if (records.length) {
      await deliver(records);
      cursor.lastSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber ?? cursor.lastSequenceNumber;
    }
    cursor.iterator = response.NextShardIterator;
    return records.length;
  }

  /** Polling errors after stop() are the emulator going away with us (Ctrl-C reaches it first), not news. */
  const report = (message: string, error: unknown) => {
    if (!stopped) options.logError(message, error);
  };

  const loop = (async () => {
    let lastDiscovery: number;
    try {
      await discoverShards('LATEST');
      lastDiscovery = Date.now();
    } catch (error) {
      report('table stream: cannot describe the stream', error);
      return;
    }
    while (!stopped) {
      let delivered = 0;
      let shardClosed = false;
      for (const [shardId, cursor] of shards) {
        if (stopped) break;
        try {
          const hadIterator = cursor.iterator !== undefined;
          delivered += await pollShard(shardId, cursor);
          if (hadIterator && cursor.iterator === undefined) shardClosed = true;
        } catch (error) {
          report(`table stream: polling shard ${shardId} failed`, error);
        }
      }
      if (shardClosed || Date.now() - lastDiscovery > 10_000) {
        try {
          await discoverShards('TRIM_HORIZON');
          lastDiscovery = Date.now();
        } catch (error) {
          report('table stream: cannot describe the stream', error);
        }
      }
      if (!delivered && !stopped) await sleep(idleMs, stopping.signal);
    }
  })();

  return {
    async stop() {
      stopped = true;
      stopping.abort();
      await loop;
    },
  };
}
