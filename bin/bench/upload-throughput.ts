/**
 * Upload throughput against a real client: one 256 MiB file through the owner upload flow as
 * the web app sends it (web/src/owner/lib/uploads.ts: start the upload for presigned part URLs,
 * PUT the parts straight to S3 with PARTS_IN_FLIGHT in flight, complete), next to the AWS CLI
 * (`aws s3 cp`, Debian's awscli) copying the same file to the same local S3 (the runtime's
 * s3rver). The two alternate, round by round; medians.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { keyOf } from '../../functions/lib/domain/paths.js';
import { PARTS_IN_FLIGHT } from '../../web/src/owner/lib/uploads.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws.js';
import type { LocalRuntime } from '../local/runtime.js';
import type { Fixtures } from './fixtures.js';
import { targetRow, type BenchPart } from './part.js';
import { median, ratio } from './stats.js';

export const UPLOAD_BYTES = 256 * 1024 * 1024;
/** Debian's awscli; an older `aws` may come first on PATH. */
export const AWS_CLI = '/usr/bin/aws';

export interface UploadThroughput {
  bytes: number;
  rounds: number;
  partsInFlight: number;
  partSize: number;
  parts: number;
  /** Medians, wall-clock from the first request to the completed upload. */
  appMs: number;
  cliMs: number | null;
  /** The CLI's own start (`aws --version`), included in cliMs. */
  cliStartMs: number | null;
  cliVersion: string | null;
}

type Target = { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[] } | { url: string };

async function appUpload(fixtures: Fixtures, file: string, size: number): Promise<{ ms: number; partSize: number; parts: number }> {
  const { api, demo } = fixtures;
  const uploadPath = 'bench/upload-256.bin';
  const t0 = performance.now();
  const target = await api.ok<Target>('POST', '/api/files/uploads', {
    token: demo.token,
    body: { path: uploadPath, size, contentType: 'application/octet-stream' },
  });
  if (!('uploadId' in target)) throw new Error('a 256 MiB upload was not offered as multipart');
  const handle = await open(file, 'r');
  try {
    const queue = target.parts.map((part) => part.partNumber).sort((a, b) => a - b);
    const urls = new Map(target.parts.map((part) => [part.partNumber, part.url]));
    const done: { partNumber: number; etag: string }[] = [];
    const worker = async () => {
      for (let partNumber = queue.shift(); partNumber !== undefined; partNumber = queue.shift()) {
        const start = (partNumber - 1) * target.partSize;
        const length = Math.min(target.partSize, size - start);
        const body = Buffer.allocUnsafe(length);
        await handle.read(body, 0, length, start);
        const response = await fetch(urls.get(partNumber)!, { method: 'PUT', body });
        await response.arrayBuffer();
        const etag = response.headers.get('etag');
        if (!response.ok || !etag) throw new Error(`part ${partNumber} answered ${response.status}`);
        done.push({ partNumber, etag });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, queue.length) }, worker));
    await api.ok('POST', '/api/files/uploads/complete', {
      token: demo.token,
      body: { path: uploadPath, uploadId: target.uploadId, parts: done.sort((a, b) => a.partNumber - b.partNumber) },
    });
  } finally {
    await handle.close();
  }
  return { ms: performance.now() - t0, partSize: target.partSize, parts: target.parts.length };
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(AWS_CLI, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve({ ms: performance.now() - t0, stdout: stdout + stderr });
      else reject(new Error(`aws ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

export async function measureUploadThroughput(options: {
  runtime: LocalRuntime;
  fixtures: Fixtures;
  workDir: string;
  rounds: number;
}): Promise<UploadThroughput> {
  const { runtime, fixtures } = options;
  const file = path.join(options.workDir, 'upload-256.bin');
  // Random bytes: nothing on the way can compress them.
  const chunk = 16 * 1024 * 1024;
  const handle = await open(file, 'w');
  for (let written = 0; written < UPLOAD_BYTES; written += chunk) await handle.write(randomBytes(chunk));
  await handle.close();

  const cli = existsSync(AWS_CLI);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.workDir,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    // The CLI's own defaults (8 MiB parts, 10 requests in flight), whatever this machine's ~/.aws says.
    AWS_CONFIG_FILE: path.join(options.workDir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(options.workDir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  await writeFile(env.AWS_CONFIG_FILE!, '');
  await writeFile(env.AWS_SHARED_CREDENTIALS_FILE!, '');
  const cliKey = keyOf(fixtures.demo.userId, 'bench/cli-256.bin');
  const cliArgs = [
    's3',
    'cp',
    file,
    `s3://${runtime.bucketName}/${cliKey}`,
    '--endpoint-url',
    runtime.endpoints.s3,
    '--no-progress',
    '--only-show-errors',
  ];

  const app: number[] = [];
  const viaCli: number[] = [];
  const cliStart: number[] = [];
  let cliVersion: string | null = null;
  let shape = { partSize: 0, parts: 0 };
  for (let round = 0; round < options.rounds; round++) {
    // Alternate which goes first, so neither always finds the disk busy with the other's last write.
    const order = round % 2 ? (['cli', 'app'] as const) : (['app', 'cli'] as const);
    for (const client of order) {
      if (client === 'app') {
        const result = await appUpload(fixtures, file, UPLOAD_BYTES);
        app.push(result.ms);
        shape = { partSize: result.partSize, parts: result.parts };
      } else if (cli) {
        viaCli.push((await run(cliArgs, env)).ms);
        const version = await run(['--version'], env);
        cliStart.push(version.ms);
        cliVersion = version.stdout.trim().split(/\s+/)[0] ?? null;
      }
    }
  }
  return {
    bytes: UPLOAD_BYTES,
    rounds: options.rounds,
    partsInFlight: PARTS_IN_FLIGHT,
    ...shape,
    appMs: median(app),
    cliMs: viaCli.length ? median(viaCli) : null,
    cliStartMs: cliStart.length ? median(cliStart) : null,
    cliVersion,
  };
}

const UPLOAD_LIMIT = 1.3;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const throughput = (bytes: number, value: number) => `${(bytes / 1024 / 1024 / (value / 1000)).toFixed(0)} MiB/s`;

/** Part: a 256 MiB upload through the app's flow next to `aws s3 cp`. */
export const uploadPart: BenchPart = {
  name: 'upload throughput',
  async run({ runtime, fixtures, workDir, knob }) {
    const u = await measureUploadThroughput({ runtime, fixtures, workDir, rounds: knob('BENCH_UPLOAD_ROUNDS', 3) });
    const rows = [
      [
        `owner upload flow (${u.parts} parts of ${mib(u.partSize)}, ${u.partsInFlight} in flight)`,
        seconds(u.appMs),
        throughput(u.bytes, u.appMs),
        u.cliMs === null ? '-' : ratio(u.appMs / u.cliMs),
      ],
    ];
    if (u.cliMs !== null && u.cliStartMs !== null) {
      rows.push([
        `\`aws s3 cp\` (${u.cliVersion ?? 'aws-cli'}; 8 MiB parts, 10 in flight)`,
        seconds(u.cliMs),
        throughput(u.bytes, u.cliMs),
        '1.00x',
      ]);
      rows.push(['(of which the CLI starting, `aws --version`)', seconds(u.cliStartMs), '-', '-']);
    }
    const section = {
      title: 'Upload throughput: 256 MiB, the app against the AWS CLI (local S3)',
      intro:
        `One ${mib(u.bytes)} file of random bytes, ${u.rounds} rounds, the two clients alternating; medians of the wall-clock time from the first request to the completed upload. ` +
        'The app: POST /api/files/uploads (presigned part URLs), the parts PUT straight to S3 as web/src/owner/lib/uploads.ts sends them ' +
        `(PARTS_IN_FLIGHT = ${u.partsInFlight} at a time, read from the file part by part), then POST /api/files/uploads/complete. ` +
        `The CLI: Debian's awscli (${AWS_CLI}) with its default transfer settings, to the same bucket on the same s3rver (--endpoint-url), started fresh each round.`,
      header: ['client', 'time', 'throughput', 'vs aws s3 cp'],
      rows,
    };
    if (u.cliMs === null) {
      return {
        sections: [section],
        targets: [
          {
            row: "256 MiB upload through the app's flow",
            target: '≤ 1.3x `aws s3 cp` to the same local S3',
            measured: `app ${seconds(u.appMs)}; the AWS CLI is not installed`,
            met: false,
            verdict: 'not measured',
            why: `${AWS_CLI} is missing: install Debian's awscli (\`apt-get install -y awscli\`) and run the bench again.`,
          },
        ],
      };
    }
    const value = u.appMs / u.cliMs;
    return {
      sections: [section],
      targets: [
        targetRow({
          row: "256 MiB upload through the app's flow",
          target: '≤ 1.3x `aws s3 cp` to the same local S3',
          value,
          limit: UPLOAD_LIMIT,
          measured: `${seconds(u.appMs)} vs ${seconds(u.cliMs)} (${ratio(value)}); ${throughput(u.bytes, u.appMs)} vs ${throughput(u.bytes, u.cliMs)}`,
          why:
            `Both clients send the same bytes to the same s3rver, which writes every part to disk and joins them on completion; the disk and s3rver set the pace. ` +
            `The app adds two API calls (start, complete) and sends ${u.parts} parts of ${mib(u.partSize)}, ${u.partsInFlight} at a time; the CLI sends 8 MiB parts, 10 at a time, ` +
            `and pays its own start (${seconds(u.cliStartMs ?? 0)}, Python). Against the CLI's transfer alone (its time less its start) the app takes ` +
            `${ratio(u.appMs / Math.max(1, u.cliMs - (u.cliStartMs ?? 0)))}.`,
        }),
      ],
    };
  },
};
