/**
 * vitest globalSetup of the e2e project: one local runtime (bin/local/runtime.ts) in a
 * fresh temp dir on free ports, so a fresh clone needs nothing but `npm install`. Tests
 * read its URLs and the demo accounts with `inject(...)`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocal } from '../../bin/local/runtime.js';
import './local-runtime.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-e2e-'));
  const runtime = await startLocal({ dataDir, port: 0, sesPort: 0, quiet: true }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  project.provide('baseUrl', runtime.url);
  project.provide('inboxUrl', runtime.inboxUrl);
  project.provide('demoEmail', runtime.demo.email);
  project.provide('demoName', runtime.demo.name);
  project.provide('adminEmail', runtime.admin.email);
  project.provide('demoPassword', runtime.demo.password);
  // For tests that seed or inspect data behind the API.
  project.provide('dynamoEndpoint', runtime.endpoints.dynamodb);
  project.provide('tableName', runtime.tableName);
  // Its build (function bundles, DynamoDB launcher) seeds tests that start a runtime of their own.
  project.provide('e2eDataDir', runtime.dataDir);
  return async () => {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
