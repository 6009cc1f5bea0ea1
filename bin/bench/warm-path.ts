/**
 * Part 2: the warm recipient path through the local runtime (unlock, list the share's
 * root, get a download URL), next to its floor measured in the same run: the same
 * DynamoDB and S3 calls the handlers make, sent directly through the same adapters and
 * SDK from this process, plus the same scrypt verification. The two alternate iteration
 * by iteration so load on the machine hits both alike.
 *
 * What the handlers do (functions/lib/domain/recipient/, warm, correct password):
 *   unlock:   GetItem share; UpdateItem attempt counter (+1); scrypt; UpdateItem refund (-1);
 *             PutItem unlock event                                   -> 4 DynamoDB + scrypt
 *   list:     GetItem share (the root lists the share's items, no S3) -> 1 DynamoDB
 *   download: GetItem share; HeadObject; UpdateItem download count; presign (CPU);
 *             PutItem download event                                 -> 3 DynamoDB + 1 S3
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoShareRepository } from '../../functions/lib/adapters/share-repository.js';
import { DynamoSecurityStore } from '../../functions/lib/adapters/security-store.js';
import { S3FileStore } from '../../functions/lib/adapters/file-store.js';
import { keys } from '../../functions/lib/contract/table.js';
import {
  CLIENT_WINDOW_SECONDS,
  LINK_WINDOW_SECONDS,
  MAX_FAILURES_PER_CLIENT,
  MAX_FAILURES_PER_LINK,
} from '../../functions/lib/domain/throttle.js';
import { verifyPassword } from '../../functions/lib/domain/passwords.js';
import { keyOf } from '../../functions/lib/domain/paths.js';
import type { LocalRuntime } from '../local/runtime.js';
import { clientConfig } from '../local/aws.js';
import { SHARE_PASSWORD, type Fixtures } from './fixtures.js';
import { targetRow, type BenchPart } from './part.js';
import { median, ms, percentile, ratio } from './stats.js';

export const STEPS = ['unlock', 'list', 'download'] as const;
type Step = (typeof STEPS)[number];
type Timings = Record<Step | 'total', number[]>;

export interface WarmPathResult {
  iterations: number;
  path: Record<Step | 'total', { p50: number; p99: number }>;
  floor: Record<Step | 'total', { p50: number; p99: number }>;
  scryptP50: number;
  roundTrips: { dynamodb: number; s3: number };
}

const emptyTimings = (): Timings => ({ unlock: [], list: [], download: [], total: [] });

function summary(timings: Timings) {
  const of = (values: number[]) => ({ p50: median(values), p99: percentile(values, 99) });
  return { unlock: of(timings.unlock), list: of(timings.list), download: of(timings.download), total: of(timings.total) };
}

export async function measureWarmPath(
  runtime: LocalRuntime,
  fixtures: Fixtures,
  iterations: number,
  warmup: number,
): Promise<WarmPathResult> {
  const { api, share } = fixtures;
  const shareId = share.id;
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(runtime.endpoints.dynamodb)), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const s3 = new S3Client({
    ...clientConfig(runtime.endpoints.s3),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const repository = new DynamoShareRepository(db, runtime.tableName);
  const files = new S3FileStore(s3, runtime.bucketName);
  const counters = new DynamoSecurityStore(db, runtime.tableName);
  // Its own attempt counter, so the floor and the path never share one.
  const floorClient = 'bench-floor-client';
  const reportKey = keyOf(fixtures.demo.userId, 'bench/report.pdf');
  const pathTimes = emptyTimings();
  const floorTimes = emptyTimings();
  const scryptTimes: number[] = [];

  async function viaApi(record: boolean) {
    const t0 = performance.now();
    const { token } = await api.ok<{ token: string }>('POST', `/api/public/shares/${shareId}/access`, {
      body: { password: SHARE_PASSWORD, deviceId: share.deviceId },
    });
    const t1 = performance.now();
    await api.ok('GET', `/api/public/shares/${shareId}/files?path=`, { token });
    const t2 = performance.now();
    await api.ok('POST', `/api/public/shares/${shareId}/downloads`, { token, body: { fileId: share.reportFileId } });
    const t3 = performance.now();
    if (record) {
      pathTimes.unlock.push(t1 - t0);
      pathTimes.list.push(t2 - t1);
      pathTimes.download.push(t3 - t2);
      pathTimes.total.push(t3 - t0);
    }
  }

  const event = (kind: 'unlock' | 'download', at: string, file?: string) => ({
    kind,
    at,
    client: floorClient,
    userAgent: 'sharelink-bench',
    ...(file ? { file } : {}),
  });

  async function floor(record: boolean) {
    const t0 = performance.now();
    const opened = await repository.get(shareId);
    if (!opened?.passwordHash) throw new Error('the bench share vanished or lost its password');
    // The unlock's throttle as the API runs it: a slot of the client's and of the link's counter, both given back.
    const [clientKey, linkKey] = [keys.attempts(shareId, floorClient), keys.linkAttempts(shareId)];
    const client = await counters.reserve(clientKey, Date.now(), MAX_FAILURES_PER_CLIENT, CLIENT_WINDOW_SECONDS);
    const link = await counters.reserve(linkKey, Date.now(), MAX_FAILURES_PER_LINK, LINK_WINDOW_SECONDS);
    if (client.status !== 'reserved' || link.status !== 'reserved') throw new Error('the floor ran out of attempts');
    const s0 = performance.now();
    if (!(await verifyPassword(SHARE_PASSWORD, opened.passwordHash))) throw new Error('scrypt disagrees with the share');
    const s1 = performance.now();
    await Promise.all([counters.release(clientKey, client.windowStart), counters.release(linkKey, link.windowStart)]);
    await repository.addEvent(shareId, event('unlock', new Date().toISOString()), opened.expiresAt);
    const t1 = performance.now();
    await repository.get(shareId);
    const t2 = performance.now();
    const again = await repository.get(shareId);
    if (!(await files.stat(reportKey))) throw new Error('the bench file vanished');
    await repository.countDownload(shareId);
    await repository.addEvent(shareId, event('download', new Date().toISOString(), 'Report.pdf'), again?.expiresAt ?? null);
    const t3 = performance.now();
    if (record) {
      floorTimes.unlock.push(t1 - t0);
      floorTimes.list.push(t2 - t1);
      floorTimes.download.push(t3 - t2);
      floorTimes.total.push(t3 - t0);
      scryptTimes.push(s1 - s0);
    }
  }

  try {
    for (let i = 0; i < warmup + iterations; i++) {
      const record = i >= warmup;
      // Alternate which goes first, so neither always runs right after the other.
      if (i % 2) {
        await viaApi(record);
        await floor(record);
      } else {
        await floor(record);
        await viaApi(record);
      }
    }
  } finally {
    db.destroy();
    s3.destroy();
  }
  return {
    iterations,
    path: summary(pathTimes),
    floor: summary(floorTimes),
    scryptP50: median(scryptTimes),
    roundTrips: { dynamodb: 8, s3: 1 },
  };
}

/** Part: the warm recipient path through the local runtime, next to its floor. */
export const warmPathPart: BenchPart = {
  name: 'warm recipient path',
  async run({ runtime, fixtures, knob }) {
    const w = await measureWarmPath(runtime, fixtures, knob('BENCH_WARM_ITERATIONS', 200), 5);
    const rows = (['unlock', 'list', 'download', 'total'] as const).map((step) => [
      step === 'total' ? 'whole path' : step,
      ms(w.path[step].p50),
      ms(w.path[step].p99),
      ms(w.floor[step].p50),
      ms(w.floor[step].p99),
      ratio(w.path[step].p50 / w.floor[step].p50),
      ratio(w.path[step].p99 / w.floor[step].p99),
    ]);
    const warmRatio = w.path.total.p50 / w.floor.total.p50;
    const overhead = (w.path.total.p50 - w.floor.total.p50) / 3;
    return {
      sections: [
        {
          title: 'Warm recipient path (local runtime)',
          intro:
            `Unlock (POST access, correct password), list the share's root (GET files), download URL (POST downloads), ${w.iterations} iterations after a warm-up, ` +
            `sent over HTTP to the local runtime (front server, API Gateway stand-in, the recipient function's host process, the deployed bundles). ` +
            `Floor: the same ${w.roundTrips.dynamodb} DynamoDB Local round trips and ${w.roundTrips.s3} S3 HeadObject, sent directly by the handlers' own adapters ` +
            `from the bench process, plus the same scrypt verification (p50 ${ms(w.scryptP50)}); path and floor alternate iteration by iteration.`,
          header: ['step', 'path p50', 'path p99', 'floor p50', 'floor p99', 'p50 ratio', 'p99 ratio'],
          rows,
          notes: [
            'Round trips per step (functions/lib/domain/recipient/): unlock = GetItem share, UpdateItem attempt counter, scrypt, UpdateItem refund, PutItem event; ' +
              'list = GetItem share (the root lists the stored items); download = GetItem share, HeadObject, UpdateItem download count, presign (CPU only), PutItem event.',
          ],
        },
      ],
      targets: [
        targetRow({
          row: 'warm recipient path (p50)',
          target: '≤ 1.5x its floor',
          value: warmRatio,
          limit: 1.5,
          measured: `${ms(w.path.total.p50)} vs ${ms(w.floor.total.p50)} (${ratio(warmRatio)}); p99 ${ms(w.path.total.p99)} vs ${ms(w.floor.total.p99)}`,
          why:
            `The floor is dominated by scrypt (${ms(w.scryptP50)}) and ${w.roundTrips.dynamodb} DynamoDB Local round trips. The path adds about ${ms(overhead)} per request (p50) on top: ` +
            `an HTTP request to the local front server, the API Gateway stand-in building the v2 event, IPC to the function's host process, and in the handler middy, zod validation, ` +
            `Powertools logging, HMAC token checks and (download) SigV4 presigning. Per step: unlock ${ratio(w.path.unlock.p50 / w.floor.unlock.p50)}, ` +
            `list ${ratio(w.path.list.p50 / w.floor.list.p50)}, download ${ratio(w.path.download.p50 / w.floor.download.p50)}: the fixed cost weighs most on the one-round-trip list.`,
        }),
      ],
    };
  },
};
