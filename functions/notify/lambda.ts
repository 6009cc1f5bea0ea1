/**
 * The table stream's consumer: partner emails for new shares with recipients, and download
 * alerts for new `download` access events. Not an HTTP route: infra/ gives it
 * a DynamoDB event source (filtered as `contract/streams.ts` says, with retries, partial batch failures
 * and a dead-letter queue), and the local runtime's stream poller invokes it the same way.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { processChanges, type StreamItem } from '../lib/domain/notify/notifications.js';
import { logger } from '../lib/logger.js';
import { notifyDeps } from '../lib/wiring.js';

type Image = Record<string, AttributeValue>;

/** A stream record as the domain sees it: plain values instead of DynamoDB attribute values. */
export function toStreamItem(record: DynamoDBRecord): StreamItem {
  const data = record.dynamodb ?? {};
  return {
    id: data.SequenceNumber ?? record.eventID ?? '',
    change: {
      eventName: record.eventName ?? '',
      keys: data.Keys ? unmarshall(data.Keys as Image) : {},
      ...(data.NewImage ? { newImage: unmarshall(data.NewImage as Image) } : {}),
    },
  };
}

async function notify(event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> {
  const failed = await processChanges(notifyDeps(), event.Records.map(toStreamItem));
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>(notify).use(injectLambdaContext(logger, { resetKeys: true }));
