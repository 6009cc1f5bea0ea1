/**
 * The Lambda event source mapping for the table stream, locally: polls every open shard
 * of DynamoDB Local's stream and hands batches to the handler as DynamoDBStreamEvents.
 * Like the deployed mapping it retries a failed batch (from the first failed record
 * when the handler reports batchItemFailures) and then gives up on it, where the
 * deployed one would send it to the dead-letter queue.
 */
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
  logError: (message: string, error: unknown) => void;
  /** Pause between polls when a round found nothing. */
  idleMs?: number;
  batchSize?: number;
  /** Attempts per batch before it is dropped (the deployed mapping's retries, then its DLQ). */
  maxAttempts?: number;
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
    eventName: record.eventName as DynamoDBRecord['eventName'],
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function pollTableStream(options: TableStreamOptions): TableStreamPoller {
  const { client, streamArn } = options;
  const idleMs = options.idleMs ?? 250;
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 3;
  const shards = new Map<string, ShardCursor>();
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

  /** Delivers a batch; returns once it succeeded or was given up on. */
  async function deliver(records: SdkRecord[]): Promise<void> {
    let pending = records;
    for (let attempt = 1; pending.length; attempt++) {
      const event: DynamoDBStreamEvent = { Records: pending.map((r) => toStreamEventRecord(r, streamArn, options.region)) };
      try {
        const result = (await options.handler(event)) as { batchItemFailures?: { itemIdentifier?: string }[] } | undefined;
        const failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
        const firstFailure = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber));
        if (firstFailure === -1) return;
        if (attempt >= maxAttempts) throw new Error(`records still failing after ${attempt} attempts`);
        pending = pending.slice(firstFailure);
      } catch (error) {
        if (attempt >= maxAttempts) {
          options.logError(`table stream batch of ${pending.length} record(s) dropped after ${attempt} attempts`, error);
          return;
        }
        await sleep(100 * attempt);
      }
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

  const loop = (async () => {
    let lastDiscovery = 0;
    try {
      await discoverShards('LATEST');
      lastDiscovery = Date.now();
    } catch (error) {
      options.logError('table stream: cannot describe the stream', error);
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
          options.logError(`table stream: polling shard ${shardId} failed`, error);
        }
      }
      if (shardClosed || Date.now() - lastDiscovery > 10_000) {
        try {
          await discoverShards('TRIM_HORIZON');
          lastDiscovery = Date.now();
        } catch (error) {
          options.logError('table stream: cannot describe the stream', error);
        }
      }
      if (!delivered && !stopped) await sleep(idleMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
