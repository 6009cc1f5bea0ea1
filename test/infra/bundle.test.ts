/**
 * What ShareLinkFunction ships to Lambda: one real handler (the recipient download, which
 * pulls in DynamoDB, S3 presigning and Secrets Manager) bundled by CDK's NodejsFunction
 * with the shared settings of infra/bundling.ts. One function keeps this file fast; every
 * route uses the same construct, and the local runtime bundles all handlers the same way.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.js';
import { lambdaBundling } from '../../infra/bundling.js';
import { ShareLinkFunction } from '../../infra/sharelink-function.js';
import { onlyResource, type Resource } from './support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const group = 'recipient';

let outdir: string;
let fn: Resource;
let assetDir: string;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'sharelink-bundle-'));
  const app = createApp({ outdir });
  const stack = new Stack(app, 'BundleProbe');
  new ShareLinkFunction(stack, 'Probe', {
    entry: path.join(repoRoot, 'functions', group, 'lambda.ts'),
    description: 'bundle probe',
    environment: {},
  });
  // Synthesized with cdk-nag attached: the construct alone needs no acknowledgement.
  const template = Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
  fn = onlyResource(template, 'AWS::Lambda::Function')[1];
  assetDir = path.join(app.outdir, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('function bundle', () => {
  it('points Lambda at index.handler on nodejs24.x arm64', () => {
    expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x', Architectures: ['arm64'] });
  });

  it('is one minified ESM file with the createRequire banner, exporting handler, plus a source map', () => {
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(code.startsWith(lambdaBundling.banner)).toBe(true);
    expect(/export\{[\w$]+ as handler\};/.test(code)).toBe(true);
    expect(existsSync(path.join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(code.endsWith('//# sourceMappingURL=index.mjs.map\n') || code.endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    // Minified: a handful of long lines (banner, code, legal comments), not thousands.
    expect(code.split('\n').length).toBeLessThan(200);
  });

  it('imports node:http with require(), not as an ESM module whose facade loads undici (about 40 ms of each cold start)', () => {
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(code).not.toMatch(/from\s*"(node:)?http"/);
    expect(code).not.toMatch(/import\s*\(\s*"(node:)?http"\s*\)/);
  });

  it('takes node:process and node:net without their ESM facades (the process facade reads process.stdin, opening standard input)', () => {
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(code).not.toMatch(/from\s*"(node:)?(process|net)"/);
    // The recipient function does use both (the SDK reads the environment, the client address is checked as IPv4 or IPv6).
    expect(code).toMatch(/isIPv6/);
  });

  it("logs an unexpected error with a stack that names the TypeScript file and line, without Node's source-map flag", () => {
    const variables = (fn.Properties.Environment?.Variables ?? {}) as Record<string, string>;
    expect(variables.NODE_OPTIONS ?? '').not.toContain('--enable-source-maps');
    const isolated = mkdtempSync(path.join(tmpdir(), 'sharelink-stack-'));
    try {
      for (const file of ['index.mjs', 'index.mjs.map']) copyFileSync(path.join(assetDir, file), path.join(isolated, file));
      // No TABLE_NAME: reading the share fails with a configuration error, which the handler logs and answers 500.
      const event = {
        version: '2.0',
        routeKey: 'GET /api/public/shares/{id}',
        rawPath: '/api/public/shares/AAAAAAAAAAAAAAAAAAAAAA',
        rawQueryString: '',
        headers: { host: 'example.com' },
        pathParameters: { id: 'AAAAAAAAAAAAAAAAAAAAAA' },
        isBase64Encoded: false,
        requestContext: {
          http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
          requestId: 'r',
        },
      };
      const script = `const { handler } = await import('./index.mjs');
        const result = await handler(${JSON.stringify(event)}, { functionName: 'probe', awsRequestId: 'id', getRemainingTimeInMillis: () => 1000 });
        console.log(JSON.stringify({ status: result.statusCode }));`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: isolated,
        encoding: 'utf8',
        timeout: 30_000,
        env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', POWERTOOLS_SERVICE_NAME: 'sharelink', ...variables },
      });
      expect(result.status, result.stderr.slice(0, 2000)).toBe(0);
      // Powertools writes ERROR lines to stderr, the script's result to stdout.
      const lines = `${result.stdout}\n${result.stderr}`
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level?: string; status?: number; error?: { stack: string; location: string } });
      expect(lines.find((line) => 'status' in line)?.status).toBe(500);
      const logged = lines.find((line) => line.level === 'ERROR')?.error;
      expect(logged?.location).toMatch(/functions\/lib\/config\.ts:\d+$/);
      const top = /\((\/[^()]*functions\/lib\/config\.ts):(\d+):\d+\)/.exec(logged?.stack.split('\n')[1] ?? '');
      expect(top, logged?.stack).not.toBeNull();
      // The named line is the one that throws, in the repository's source.
      const source = readFileSync(path.join(repoRoot, 'functions/lib/config.ts'), 'utf8').split('\n');
      expect(source[Number(top![2]) - 1]).toContain('throw new ConfigError');
      expect(logged?.stack).not.toContain('index.mjs:');
    } finally {
      rmSync(isolated, { recursive: true, force: true });
    }
  });

  it('loads on Node 24 with no node_modules around it: the AWS SDK is inside the bundle', () => {
    const isolated = mkdtempSync(path.join(tmpdir(), 'sharelink-isolated-'));
    try {
      copyFileSync(path.join(assetDir, 'index.mjs'), path.join(isolated, 'index.mjs'));
      const result = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', "const m = await import('./index.mjs'); console.log(typeof m.handler);"],
        {
          cwd: isolated,
          encoding: 'utf8',
          timeout: 30_000,
          env: {
            PATH: process.env.PATH,
            AWS_REGION: 'eu-west-1',
            TABLE_NAME: 'table',
            FILES_BUCKET: 'bucket',
            SIGNING_KEY_SECRET_ID: 'secret',
            PUBLIC_BASE_URL: 'https://d111111abcdef8.cloudfront.net',
            POWERTOOLS_SERVICE_NAME: 'sharelink',
          },
        },
      );
      expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
      expect(result.status, result.stderr.slice(0, 2000)).toBe(0);
      expect(result.stdout.trim()).toBe('function');
    } finally {
      rmSync(isolated, { recursive: true, force: true });
    }
  });
});
