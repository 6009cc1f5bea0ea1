/**
 * The cost of a first page must not grow with what lies behind it. Two pairs, each
 * measured in one run with the two cases interleaved request by request:
 *   - a shared folder of 10,000 objects vs one of 100 (recipient listing, S3 page by page);
 *   - an owner with 10,000 links vs one with 10 (owner listing, DynamoDB GSI query).
 * Data is seeded straight into the emulators; the owners are real cognito-local users.
 * Next to each ratio, the same first-page call made directly to the emulator shows how much
 * of any growth is the emulator's own; for the folder, s3rver's stock store and the local
 * runtime's indexed one are also asked for the page in this process.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand, type PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoShareRepository } from '../../functions/lib/adapters/share-repository.js';
import { newShareId } from '../../functions/lib/domain/ids.js';
import { hashPassword } from '../../functions/lib/domain/passwords.js';
import { keyOf } from '../../functions/lib/domain/paths.js';
import type { Share } from '../../functions/lib/domain/share.js';
import { tableSchema } from '../../functions/lib/contract/table.js';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import type { LocalRuntime } from '../local/runtime.js';
import { LocalS3rverStore } from '../local/s3rver-store.js';
import { clientConfig } from '../local/aws.js';
import { claimsOf, signIn, type Api } from './api.js';
import { SHARE_PASSWORD, unlock, type Fixtures } from './fixtures.js';
import { targetRow, type BenchPart } from './part.js';
import { inParallel, median, ms, ratio } from './stats.js';

export interface ScaleCase {
  label: string;
  /** Median of the API request, ms. */
  apiMs: number;
  /** Median of the same first page asked of the emulator directly, ms. */
  directMs: number;
  entries: number;
}

export interface ScalePair {
  name: string;
  /** False for context rows that no target speaks of. */
  target: boolean;
  request: string;
  large: ScaleCase;
  small: ScaleCase;
  ratio: number;
  directRatio: number;
  repetitions: number;
  /**
   * Folder pair only: the same first page asked in this process of s3rver's stock store and of
   * the local runtime's indexed store (bin/local/s3rver-store.ts), over the same files.
   */
  stores?: { stock: { large: number; small: number }; indexed: { large: number; small: number } };
}

export interface SeededScale {
  folders: { shareId: string; token: string; bigPrefix: string; smallPrefix: string };
  owners: { bigToken: string; bigUserId: string; smallToken: string; smallUserId: string };
  seedSeconds: { s3: number; dynamodb: number };
}

const BIG = 10_000;
const SMALL_FOLDER = 100;
const SMALL_OWNER = 10;

function clients(runtime: LocalRuntime) {
  const s3 = new S3Client({
    ...clientConfig(runtime.endpoints.s3),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(runtime.endpoints.dynamodb)), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { s3, db };
}

async function seedFolders(runtime: LocalRuntime, fixtures: Fixtures, s3: S3Client) {
  const owner = fixtures.demo.userId;
  const keys = [
    ...Array.from({ length: BIG }, (_, i) => keyOf(owner, `bench-scale/big/file-${String(i).padStart(5, '0')}.txt`)),
    ...Array.from({ length: SMALL_FOLDER }, (_, i) => keyOf(owner, `bench-scale/small/file-${String(i).padStart(3, '0')}.txt`)),
  ];
  await inParallel(keys, 64, async (key) => {
    await s3.send(new PutObjectCommand({ Bucket: runtime.bucketName, Key: key, Body: 'bench', ContentType: 'text/plain' }));
  });
  const { api, demo } = fixtures;
  const created = await api.ok<{ id: string }>('POST', '/api/shares', {
    token: demo.token,
    body: {
      items: [
        { path: 'bench-scale/big/', alias: 'big' },
        { path: 'bench-scale/small/', alias: 'small' },
      ],
      password: { mode: 'custom', value: SHARE_PASSWORD },
      expiry: { days: 1 },
    },
  });
  return {
    shareId: created.id,
    token: await unlock(api, created.id, randomUUID()),
    bigPrefix: keyOf(owner, 'bench-scale/big/'),
    smallPrefix: keyOf(owner, 'bench-scale/small/'),
  };
}

async function createOwner(runtime: LocalRuntime, fixtures: Fixtures, label: string) {
  const cognito = new CognitoIdentityProviderClient(clientConfig(runtime.endpoints.cognito));
  const email = `bench-${label}-${randomUUID().slice(0, 8)}@example.com`;
  const password = `Bench-${randomUUID()}-A1`;
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: fixtures.config.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: fixtures.config.userPoolId, Username: email, Password: password, Permanent: true }),
    );
  } finally {
    cognito.destroy();
  }
  const token = await signIn(fixtures.config, email, password);
  const sub = claimsOf(token).sub;
  if (typeof sub !== 'string') throw new Error(`no sub for ${email}`);
  return { token, userId: sub, email };
}

/** The items exactly as DynamoShareRepository.create() writes them: its own code builds them. */
async function shareItems(tableName: string, shares: Share[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const capture = { send: (command: PutCommand) => Promise.resolve(void items.push(command.input.Item as Record<string, unknown>)) };
  const repository = new DynamoShareRepository(capture as unknown as DynamoDBDocumentClient, tableName);
  for (const share of shares) await repository.create(share);
  return items;
}

async function seedOwners(runtime: LocalRuntime, fixtures: Fixtures, db: DynamoDBDocumentClient) {
  const [big, small] = await Promise.all([createOwner(runtime, fixtures, 'many'), createOwner(runtime, fixtures, 'few')]);
  const passwordHash = await hashPassword(SHARE_PASSWORD);
  const now = Date.now();
  const linksOf = (owner: { userId: string; email: string }, count: number) =>
    Array.from({ length: count }, (_, i): Share => {
      // One link every ~40 minutes, going back in time: a long-standing, busy owner.
      const createdAt = new Date(now - (count - i) * 40 * 60_000).toISOString();
      return {
        id: newShareId(),
        ownerId: owner.userId,
        ownerEmail: owner.email,
        items: [{ path: `projects/p${i}/report.pdf`, alias: `Report ${i}.pdf`, kind: 'file', size: 65_536 }],
        allowDownload: true,
        passwordHash,
        passwordVersion: 1,
        status: 'active',
        createdAt,
        expiresAt: new Date(now + 30 * 86_400_000).toISOString(),
        cancelledAt: null,
        downloadCount: 0,
        maxDownloads: null,
        deviceBinding: false,
        boundDevice: null,
        recipients: [],
        message: null,
        notifyOnDownload: false,
        includePasswordInEmail: false,
      };
    });
  const items = await shareItems(runtime.tableName, [...linksOf(big, BIG), ...linksOf(small, SMALL_OWNER)]);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await inParallel(batches, 8, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 10) throw new Error('DynamoDB Local keeps leaving items unprocessed');
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [runtime.tableName]: pending } }));
      pending = (UnprocessedItems?.[runtime.tableName] ?? []) as typeof pending;
    }
  });
  return { bigToken: big.token, bigUserId: big.userId, smallToken: small.token, smallUserId: small.userId };
}

/** Seeds both pairs; S3 and DynamoDB in parallel (not measured). */
export async function seedScale(runtime: LocalRuntime, fixtures: Fixtures): Promise<SeededScale> {
  const { s3, db } = clients(runtime);
  try {
    const started = performance.now();
    const timed = async <T>(work: Promise<T>) => {
      const value = await work;
      return { value, seconds: (performance.now() - started) / 1000 };
    };
    const [folders, owners] = await Promise.all([timed(seedFolders(runtime, fixtures, s3)), timed(seedOwners(runtime, fixtures, db))]);
    return { folders: folders.value, owners: owners.value, seedSeconds: { s3: folders.seconds, dynamodb: owners.seconds } };
  } finally {
    s3.destroy();
    db.destroy();
  }
}

/** Alternates large/small (and which goes first) for `repetitions` rounds after a warm-up. */
async function interleaved(repetitions: number, warmup: number, large: () => Promise<unknown>, small: () => Promise<unknown>) {
  const times = { large: [] as number[], small: [] as number[] };
  const timed = async (fn: () => Promise<unknown>, into: number[] | undefined) => {
    const t0 = performance.now();
    await fn();
    into?.push(performance.now() - t0);
  };
  for (let i = 0; i < warmup + repetitions; i++) {
    const record = i >= warmup;
    const runs: [() => Promise<unknown>, number[]][] = [
      [large, times.large],
      [small, times.small],
    ];
    if (i % 2) runs.reverse();
    for (const [fn, into] of runs) await timed(fn, record ? into : undefined);
  }
  return { large: median(times.large), small: median(times.small) };
}

export async function measureScale(runtime: LocalRuntime, api: Api, seeded: SeededScale, repetitions: number): Promise<ScalePair[]> {
  const { s3, db } = clients(runtime);
  const warmup = 5;
  try {
    const { folders, owners } = seeded;
    const folderPage = async (alias: string) => {
      const page = await api.ok<{ entries: unknown[]; nextCursor: string | null }>(
        'GET',
        `/api/public/shares/${folders.shareId}/files?path=${alias}/`,
        {
          token: folders.token,
        },
      );
      return page.entries.length;
    };
    const [bigEntries, smallEntries] = [await folderPage('big'), await folderPage('small')];
    const folderApi = await interleaved(
      repetitions,
      warmup,
      () => folderPage('big'),
      () => folderPage('small'),
    );
    const list = (prefix: string) => () =>
      s3.send(new ListObjectsV2Command({ Bucket: runtime.bucketName, Prefix: prefix, Delimiter: '/', MaxKeys: 100 }));
    const folderDirect = await interleaved(repetitions, warmup, list(folders.bigPrefix), list(folders.smallPrefix));
    // Which store makes the difference: both asked for the same page of the same files, no HTTP.
    const s3Directory = path.join(runtime.dataDir, 's3');
    const storePage = (store: FilesystemStore, prefix: string) => () =>
      store.listObjects(runtime.bucketName, { prefix, delimiter: '/', maxKeys: 100 });
    const stock = new FilesystemStore(s3Directory);
    const indexed = new LocalS3rverStore(s3Directory);
    const stores = {
      stock: await interleaved(repetitions, warmup, storePage(stock, folders.bigPrefix), storePage(stock, folders.smallPrefix)),
      indexed: await interleaved(repetitions, warmup, storePage(indexed, folders.bigPrefix), storePage(indexed, folders.smallPrefix)),
    };

    const linksPage = async (token: string, limit = '') =>
      (await api.ok<{ shares: unknown[] }>('GET', `/api/shares?status=all${limit && `&limit=${limit}`}`, { token })).shares.length;
    const [manyLinks, fewLinks] = [await linksPage(owners.bigToken), await linksPage(owners.smallToken)];
    const linksApi = await interleaved(
      repetitions,
      warmup,
      () => linksPage(owners.bigToken),
      () => linksPage(owners.smallToken),
    );
    // The same with equal pages (10 links each), to tell the table's size from the page's.
    const linksApiEqual = await interleaved(
      repetitions,
      warmup,
      () => linksPage(owners.bigToken, String(SMALL_OWNER)),
      () => linksPage(owners.smallToken, String(SMALL_OWNER)),
    );
    const query =
      (userId: string, limit = 25) =>
      () =>
        db.send(
          new QueryCommand({
            TableName: runtime.tableName,
            IndexName: tableSchema.ownerIndex.name,
            KeyConditionExpression: 'gsi1pk = :owner',
            ExpressionAttributeValues: { ':owner': `OWNER#${userId}` },
            ScanIndexForward: false,
            Limit: limit,
          }),
        );
    const linksDirect = await interleaved(repetitions, warmup, query(owners.bigUserId), query(owners.smallUserId));
    const linksDirectEqual = await interleaved(
      repetitions,
      warmup,
      query(owners.bigUserId, SMALL_OWNER),
      query(owners.smallUserId, SMALL_OWNER),
    );

    return [
      {
        name: 'shared folder, first page',
        target: true,
        request: 'GET /api/public/shares/{id}/files?path=<folder>/',
        large: {
          label: `${BIG.toLocaleString('en-US')} objects`,
          apiMs: folderApi.large,
          directMs: folderDirect.large,
          entries: bigEntries,
        },
        small: { label: `${SMALL_FOLDER} objects`, apiMs: folderApi.small, directMs: folderDirect.small, entries: smallEntries },
        ratio: folderApi.large / folderApi.small,
        directRatio: folderDirect.large / folderDirect.small,
        repetitions,
        stores,
      },
      {
        name: "owner's links, first page at the default size",
        target: false,
        request: 'GET /api/shares?status=all',
        large: { label: `${BIG.toLocaleString('en-US')} links`, apiMs: linksApi.large, directMs: linksDirect.large, entries: manyLinks },
        small: { label: `${SMALL_OWNER} links`, apiMs: linksApi.small, directMs: linksDirect.small, entries: fewLinks },
        ratio: linksApi.large / linksApi.small,
        directRatio: linksDirect.large / linksDirect.small,
        repetitions,
      },
      {
        // The target: the question is whether the table's size changes the cost of a page, so both
        // owners' first pages hold the same 10 links (the small owner has only 10).
        name: "owner's links, first page of 10",
        target: true,
        request: `GET /api/shares?status=all&limit=${SMALL_OWNER}`,
        large: {
          label: `${BIG.toLocaleString('en-US')} links`,
          apiMs: linksApiEqual.large,
          directMs: linksDirectEqual.large,
          entries: SMALL_OWNER,
        },
        small: { label: `${SMALL_OWNER} links`, apiMs: linksApiEqual.small, directMs: linksDirectEqual.small, entries: SMALL_OWNER },
        ratio: linksApiEqual.large / linksApiEqual.small,
        directRatio: linksDirectEqual.large / linksDirectEqual.small,
        repetitions,
      },
    ];
  } finally {
    s3.destroy();
    db.destroy();
  }
}

/** What the two s3rver stores cost for the same first page, measured in-process in the same run. */
function folderStores(pair: ScalePair): string {
  if (!pair.stores) return '';
  const { stock, indexed } = pair.stores;
  return (
    `The local S3 is s3rver with a sorted index of its keys (bin/local/s3rver-store.ts), which serves a page with a binary search, as S3 serves one from its index: ` +
    `asked for this first page of the same files in the bench's own process, that store takes ${ms(indexed.large)} vs ${ms(indexed.small)} (${ratio(indexed.large / indexed.small)}); ` +
    `s3rver's stock store, which reads and sorts the names of every file in the folder's directory (three per object) before it returns a page, takes ` +
    `${ms(stock.large)} vs ${ms(stock.small)} (${ratio(stock.large / stock.small)}).`
  );
}

const SCALE_LIMIT = 1.3;

/** Part: first-page cost at 10,000 items vs a few (folders, links); the seeding is its `prepare`. */
export function scalePart(): BenchPart {
  let seeded: SeededScale | undefined;
  return {
    name: 'scale ratios',
    async prepare({ runtime, fixtures }) {
      seeded = await seedScale(runtime, fixtures);
    },
    async run({ runtime, fixtures, knob }) {
      if (!seeded) throw new Error('the scale part was not prepared');
      const pairs = await measureScale(runtime, fixtures.api, seeded, knob('BENCH_SCALE_REPETITIONS', 40));
      const defaultPages = pairs.find((pair) => !pair.target);
      return {
        sections: [
          {
            title: 'Scale: first page cost vs size',
            intro:
              `Medians of ${pairs[0]?.repetitions ?? 0} requests per case after a warm-up, the two cases alternating request by request. ` +
              `"direct" is the same first page asked of the emulator itself (ListObjectsV2 with MaxKeys 100; Query on GSI1 with Limit 25), interleaved the same way. ` +
              `Seeding (not measured): ${seeded.seedSeconds.s3.toFixed(0)} s for the objects into s3rver, ${seeded.seedSeconds.dynamodb.toFixed(0)} s for two Cognito users and their links into DynamoDB Local.`,
            header: [
              'first page',
              'large',
              'small',
              'large (direct)',
              'small (direct)',
              'ratio',
              'direct ratio',
              'entries (large / small)',
            ],
            rows: pairs.map((s) => [
              `${s.name}: ${s.large.label} vs ${s.small.label}${s.target ? '' : ' (context, no target)'}`,
              ms(s.large.apiMs),
              ms(s.small.apiMs),
              ms(s.large.directMs),
              ms(s.small.directMs),
              ratio(s.ratio),
              ratio(s.directRatio),
              `${s.large.entries} / ${s.small.entries}`,
            ]),
          },
        ],
        targets: pairs
          .filter((pair) => pair.target)
          .map((pair) => {
            const extra = pair.large.apiMs - pair.small.apiMs;
            const directExtra = pair.large.directMs - pair.small.directMs;
            const isFolder = pair.request.includes('/files');
            return targetRow({
              row: `${pair.name}: ${pair.large.label} vs ${pair.small.label}`,
              target: '≤ 1.3x',
              value: pair.ratio,
              limit: SCALE_LIMIT,
              measured: `${ms(pair.large.apiMs)} vs ${ms(pair.small.apiMs)} (${ratio(pair.ratio)})`,
              why:
                (isFolder
                  ? 'The handler asks S3 for one page (ListObjectsV2, MaxKeys 100, Delimiter /), never the whole folder. '
                  : `The handler runs one Query on GSI1 with the page's Limit (newest first), never a Scan; both pages hold ${pair.small.entries} links, so only the table's size differs. `) +
                `The emulator's own first page grows by ${ms(directExtra)} from the small case to the large (direct ratio ${ratio(pair.directRatio)}); the API's by ${ms(extra)}` +
                (isFolder
                  ? `${extra <= directExtra * 1.2 + 2 ? ", no more than the emulator's" : ", more than the emulator's alone: the handler adds size-dependent work"}. ${folderStores(pair)}`
                  : '.' +
                    (defaultPages
                      ? ` At the default page size the owner with ${defaultPages.large.label} gets ${defaultPages.large.entries} links against ${defaultPages.small.entries}, so that page reads and serializes more: ${ratio(defaultPages.ratio)} (direct ${ratio(defaultPages.directRatio)}).`
                      : '')),
            });
          }),
      };
    },
  };
}
