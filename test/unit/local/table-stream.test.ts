import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { pollTableStream, toStreamEventRecord, type DeadLetter, type TableStreamPoller } from '../../../bin/local/table-stream.js';

/** The local event source mapping of the notify function: retries with backoff, then the dead-letter file. */
const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/sharelink/stream/2026-01-01T00:00:00.000';
const streams = mockClient(DynamoDBStreamsClient);
const client = new DynamoDBStreamsClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
let dir: string;
let poller: TableStreamPoller | undefined;

const streamRecord = (sequence: string, sk: string) => ({
  eventID: `e${sequence}`,
  eventName: 'INSERT' as const,
  dynamodb: {
    Keys: { pk: { S: 'SHARE#s1' }, sk: { S: sk } },
    NewImage: { pk: { S: 'SHARE#s1' }, sk: { S: sk } },
    SequenceNumber: sequence,
  },
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sharelink-poller-'));
  streams.reset();
  streams
    .on(DescribeStreamCommand)
    .resolves({ StreamDescription: { Shards: [{ ShardId: 'shard-1', SequenceNumberRange: { StartingSequenceNumber: '1' } }] } });
  streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-0' });
  streams
    .on(GetRecordsCommand)
    .resolvesOnce({ Records: [streamRecord('001', 'META'), streamRecord('002', 'EVENT#x')], NextShardIterator: 'it-1' })
    .resolves({ Records: [], NextShardIterator: 'it-2' });
});

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function until(condition: () => boolean, timeoutMs = 5_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const start = (handler: (event: DynamoDBStreamEvent) => Promise<unknown>, errors: string[] = []) =>
  (poller = pollTableStream({
    client,
    streamArn: STREAM_ARN,
    region: 'eu-central-1',
    handler,
    logError: (message) => errors.push(message),
    idleMs: 10,
    maxAttempts: 4,
    backoffMs: 20,
    maxBackoffMs: 50,
    deadLetterFile: path.join(dir, 'stream-dead-letters.jsonl'),
  }));

describe('the local table stream poller', () => {
  it('retries a failing batch with growing pauses until the handler succeeds', async () => {
    const calls: { at: number; sequences: string[] }[] = [];
    start(async (event) => {
      calls.push({ at: Date.now(), sequences: event.Records.map((r) => r.dynamodb!.SequenceNumber!) });
      if (calls.length < 3) throw new Error('SES is down');
      return { batchItemFailures: [] };
    });
    await until(() => calls.length === 3);
    expect(calls.map((call) => call.sequences)).toEqual([
      ['001', '002'],
      ['001', '002'],
      ['001', '002'],
    ]);
    const pauses = [calls[1]!.at - calls[0]!.at, calls[2]!.at - calls[1]!.at];
    expect(pauses[0]).toBeGreaterThanOrEqual(15);
    expect(pauses[1]).toBeGreaterThanOrEqual(35);
  });

  it('retries from the first record the handler reports as failed, as Lambda does', async () => {
    const calls: string[][] = [];
    start(async (event) => {
      calls.push(event.Records.map((r) => r.dynamodb!.SequenceNumber!));
      return { batchItemFailures: calls.length === 1 ? [{ itemIdentifier: '002' }] : [] };
    });
    await until(() => calls.length === 2);
    expect(calls).toEqual([['001', '002'], ['002']]);
  });

  it('dead-letters the failing records to a JSON-lines file after the last attempt, and moves on', async () => {
    const errors: string[] = [];
    let calls = 0;
    start(async (event) => {
      calls++;
      return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.dynamodb!.SequenceNumber }] };
    }, errors);
    const file = path.join(dir, 'stream-dead-letters.jsonl');
    await until(() => errors.some((message) => message.includes('dead-lettered')));
    const lines = (await readFile(file, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as DeadLetter);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ attempts: 4, reason: expect.stringContaining('001') });
    expect(lines[0]!.records.map((r) => r.dynamodb!.SequenceNumber)).toEqual(['001', '002']);
    expect(lines[0]!.records[0]).toMatchObject({
      eventSource: 'aws:dynamodb',
      eventSourceARN: STREAM_ARN,
      dynamodb: { Keys: { sk: { S: 'META' } } },
    });
    expect(calls).toBe(4);
  });
});

describe('stream records as Lambda gets them', () => {
  it("gives an empty map its type, as DynamoDB Local's stream leaves it out (`{}`), so the image unmarshalls", () => {
    const record = toStreamEventRecord(
      {
        eventID: 'e1',
        eventName: 'INSERT',
        dynamodb: {
          Keys: { pk: { S: 'SHARE#s1' }, sk: { S: 'META' } },
          // What the streams client returns for a share whose partner map is empty.
          NewImage: { pk: { S: 'SHARE#s1' }, partners: {} as never, recipients: { L: [] } },
          SequenceNumber: '001',
        },
      },
      STREAM_ARN,
      'eu-central-1',
    );
    expect(record.dynamodb?.NewImage?.partners).toEqual({ M: {} });
    expect(unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>)).toEqual({
      pk: 'SHARE#s1',
      partners: {},
      recipients: [],
    });
  });
});
