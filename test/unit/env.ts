import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * The environment the handlers and their AWS clients read at import time (the shared
 * contract's variable names). Import this module first, before anything from functions/.
 */
const dir = mkdtempSync(join(tmpdir(), 'sharelink-unit-'));
export const SIGNING_KEY = 'unit-test-signing-key-4b9f2c7e1d8a3f60';
writeFileSync(join(dir, 'signing.key'), `${SIGNING_KEY}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export const TEST_ENV = {
  TABLE_NAME: 'sharelink-unit-table',
  FILES_BUCKET: 'sharelink-unit-files',
  PUBLIC_BASE_URL: 'https://share.example.com',
  SIGNING_KEY_FILE: join(dir, 'signing.key'),
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDUNITTESTEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'unit/test+secret/access/key/EXAMPLE',
  POWERTOOLS_SERVICE_NAME: 'sharelink',
  SENDER_IDENTITY: 'local',
  RENDERER_FUNCTION_NAME: 'sharelink-unit-renderer',
  // Error paths log on purpose; keep the test output readable.
  POWERTOOLS_LOG_LEVEL: 'SILENT',
} as const;

Object.assign(process.env, TEST_ENV);
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
delete process.env.SIGNING_KEY_SECRET_ID;
delete process.env.S3_FORCE_PATH_STYLE;
for (const name of Object.keys(process.env)) if (name.startsWith('AWS_ENDPOINT_URL')) delete process.env[name];
