/**
 * What the issue-10 benchmarks share: a local runtime (the caller's, or one of their own in a
 * temp dir when run alone), the demo owner signed in, and a recipient token for a new share.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { clientConfig } from '../local/aws.js';
import { startLocal, type LocalRuntime } from '../local/runtime.js';
import { apiClient, claimsOf, signIn, siteConfig, type Api } from './api.js';

export interface BenchOwner {
  api: Api;
  token: string;
  userId: string;
}

export async function ownerOf(runtime: LocalRuntime): Promise<BenchOwner> {
  const api = apiClient(runtime.url);
  const token = await signIn(await siteConfig(runtime.url), runtime.demo.email, runtime.demo.password);
  const userId = claimsOf(token).sub;
  if (typeof userId !== 'string') throw new Error('the demo owner has no sub');
  return { api, token, userId };
}

/** Shares `items` (no password) and returns the share id and a recipient token. */
export async function shareAndOpen(owner: BenchOwner, body: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const created = await owner.api.ok<{ id: string }>('POST', '/api/shares', {
    token: owner.token,
    body: { password: { mode: 'none' }, expiry: { days: 1 }, ...body },
  });
  const access = await owner.api.ok<{ token: string }>('POST', `/api/public/shares/${created.id}/access`, {
    body: { deviceId: randomUUID() },
  });
  return { id: created.id, token: access.token };
}

/** The emulator's S3, for seeding many objects quickly (as bin/bench/scale.ts does). */
export const s3Of = (runtime: LocalRuntime) =>
  new S3Client({
    ...clientConfig(runtime.endpoints.s3),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

/** Runs `measure` against a runtime of its own (standalone use), then stops it. */
export async function withOwnRuntime<T>(measure: (runtime: LocalRuntime) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-bench-recipient-'));
  const runtime = await startLocal({ dataDir, port: 0, sesPort: 0, quiet: true });
  try {
    return await measure(runtime);
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Wall time of one call, ms. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
