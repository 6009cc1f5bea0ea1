/**
 * File requests, measured: the uploader page's JavaScript (gzipped), and a 256 MiB file sent
 * through a file request the way the page sends it (start, 16 MiB parts with PARTS_IN_FLIGHT in
 * flight straight to storage, complete) against `aws s3 cp` of the same file to the same local
 * S3, taking turns in one run. Target: the request flow at most 1.3x the AWS CLI.
 *
 * Standalone: `npx tsx bin/bench/request-upload.ts` (starts its own local runtime in a temp
 * dir; REQUEST_BENCH_MIB and REQUEST_BENCH_RUNS change the size and the number of turns).
 * Needs Debian's AWS CLI at /usr/bin/aws (`apt-get install -y awscli`).
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { PARTS_IN_FLIGHT } from '../../web/src/common/transfer.js';
import { buildWeb } from '../../web/build.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws.js';
import { startLocal, type LocalRuntime } from '../local/runtime.js';
import { apiClient, signIn, siteConfig, type Api } from './api.js';
import { median, ratio, verdict } from './stats.js';

const MiB = 1024 * 1024;
export const REQUEST_UPLOAD_TARGET = 1.3;
/** Debian's awscli; an older `aws` may come first on PATH. */
const AWS_CLI = '/usr/bin/aws';

export interface RequestUploadResult {
  /** The uploader page's JavaScript, raw and gzipped. */
  pageJs: { bytes: number; gzip: number };
  sizeMiB: number;
  partsInFlight: number;
  runs: { requestMs: number; awsCliMs: number }[];
  requestMedianMs: number;
  awsCliMedianMs: number;
  ratio: number;
}

/** The uploader page's script as the build writes it, raw and gzipped. */
async function uploaderPageJs(): Promise<{ bytes: number; gzip: number }> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-bench-web-'));
  try {
    await buildWeb({ outDir, minify: true });
    const html = await readFile(path.join(outDir, 'request.html'), 'utf8');
    const script = /<script[^>]*\ssrc="(\/[^"]+)"/.exec(html)?.[1];
    if (!script) throw new Error('request.html references no script');
    const js = await readFile(path.join(outDir, script));
    return { bytes: js.length, gzip: gzipSync(js).length };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

interface Target {
  uploadId: string;
  partSize?: number;
  parts?: { partNumber: number; url: string }[];
  url?: string;
  headers?: Record<string, string>;
}

/** One file through the request, as the page sends it; returns the milliseconds from start to the complete's answer. */
async function sendThroughRequest(api: Api, requestId: string, token: string, file: string, size: number): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const started = performance.now();
    const target = await api.ok<Target>('POST', `/api/public/requests/${requestId}/uploads`, {
      token,
      body: { name: `bench-${randomUUID()}.bin`, size, contentType: 'application/octet-stream' },
    });
    if (!target.parts || !target.partSize) throw new Error('expected a multipart upload for the benchmark file');
    const partSize = target.partSize;
    const queue = [...target.parts];
    const done: { partNumber: number; etag: string }[] = [];
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const offset = (part.partNumber - 1) * partSize;
        const length = Math.min(partSize, size - offset);
        // The page slices the File for each part: the bytes come off the disk per part too.
        const body = Buffer.allocUnsafe(length);
        await handle.read(body, 0, length, offset);
        const response = await fetch(part.url, { method: 'PUT', body });
        if (!response.ok) throw new Error(`part ${part.partNumber} answered ${response.status}`);
        done.push({ partNumber: part.partNumber, etag: response.headers.get('etag') ?? '' });
      }
    };
    await Promise.all(Array.from({ length: PARTS_IN_FLIGHT }, worker));
    done.sort((a, b) => a.partNumber - b.partNumber);
    await api.ok('POST', `/api/public/requests/${requestId}/uploads/complete`, { token, body: { uploadId: target.uploadId, parts: done } });
    return performance.now() - started;
  } finally {
    await handle.close();
  }
}

/** `aws s3 cp` of the file to the same bucket; the milliseconds the command took. */
async function sendWithAwsCli(runtime: LocalRuntime, file: string): Promise<number> {
  const started = performance.now();
  await promisify(execFile)(
    AWS_CLI,
    [
      's3',
      'cp',
      file,
      `s3://${runtime.bucketName}/bench/${randomUUID()}.bin`,
      '--endpoint-url',
      runtime.endpoints.s3,
      '--only-show-errors',
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: os.tmpdir(),
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_DEFAULT_REGION: LOCAL_REGION,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
      maxBuffer: 1024 * 1024,
    },
  );
  return performance.now() - started;
}

export async function measureRequestUpload(
  runtime: LocalRuntime,
  options: { sizeMiB?: number; runs?: number } = {},
): Promise<RequestUploadResult> {
  const sizeMiB = options.sizeMiB ?? 256;
  const runCount = options.runs ?? 3;
  const size = sizeMiB * MiB;
  const pageJs = await uploaderPageJs();
  const api = apiClient(runtime.url);
  const ownerToken = await signIn(await siteConfig(runtime.url), runtime.demo.email, runtime.demo.password);
  const request = await api.ok<{ id: string }>('POST', '/api/requests', {
    token: ownerToken,
    body: { folder: 'bench-requests/', title: 'Benchmark', password: { mode: 'none' }, maxBytes: size * (runCount + 2) },
  });
  const { token } = await api.ok<{ token: string }>('POST', `/api/public/requests/${request.id}/access`, {
    body: { name: 'Bench', deviceId: randomUUID() },
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-bench-upload-'));
  const file = path.join(dir, 'payload.bin');
  try {
    await writeFile(file, randomBytes(size));
    // A warm-up of each, not counted: cold function, first connections, the CLI's first start.
    await sendThroughRequest(api, request.id, token, file, size);
    await sendWithAwsCli(runtime, file);
    const runs: RequestUploadResult['runs'] = [];
    for (let run = 0; run < runCount; run++) {
      // Taking turns, so drift on a shared machine hits both alike.
      const requestMs = await sendThroughRequest(api, request.id, token, file, size);
      const awsCliMs = await sendWithAwsCli(runtime, file);
      runs.push({ requestMs, awsCliMs });
    }
    const requestMedianMs = median(runs.map((run) => run.requestMs));
    const awsCliMedianMs = median(runs.map((run) => run.awsCliMs));
    return {
      pageJs,
      sizeMiB,
      partsInFlight: PARTS_IN_FLIGHT,
      runs,
      requestMedianMs,
      awsCliMedianMs,
      ratio: requestMedianMs / awsCliMedianMs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatRequestUpload(result: RequestUploadResult): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const js = verdict(result.pageJs.gzip, 30 * 1024);
  const upload = verdict(result.ratio, REQUEST_UPLOAD_TARGET);
  return [
    `File requests (Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)})`,
    '',
    `- Uploader page JavaScript: ${(result.pageJs.gzip / 1024).toFixed(1)} KB gzipped (${(result.pageJs.bytes / 1024).toFixed(1)} KB raw); target 30 KB: ${js.text}`,
    `- ${result.sizeMiB} MiB through a file request (${result.partsInFlight} parts in flight) vs \`aws s3 cp\`, same local S3, ${result.runs.length} turns each:`,
    '',
    '| turn | request flow | aws s3 cp | ratio |',
    '|---|---|---|---|',
    ...result.runs.map(
      (run, i) => `| ${i + 1} | ${seconds(run.requestMs)} | ${seconds(run.awsCliMs)} | ${ratio(run.requestMs / run.awsCliMs)} |`,
    ),
    `| median | ${seconds(result.requestMedianMs)} | ${seconds(result.awsCliMedianMs)} | ${ratio(result.ratio)} |`,
    '',
    `Target ≤ ${REQUEST_UPLOAD_TARGET}x: ${upload.text}.`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizeMiB = Number(process.env.REQUEST_BENCH_MIB ?? 256);
  const runs = Number(process.env.REQUEST_BENCH_RUNS ?? 3);
  if (!Number.isInteger(sizeMiB) || sizeMiB < 17) throw new Error('REQUEST_BENCH_MIB must be a whole number above 16 (multipart)');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('REQUEST_BENCH_RUNS must be a positive integer');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-bench-requests-'));
  const runtime = await startLocal({ dataDir, port: 0, sesPort: 0, quiet: true });
  try {
    console.log(formatRequestUpload(await measureRequestUpload(runtime, { sizeMiB, runs })));
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
