/**
 * A local runtime in a process of its own, for tests that kill it: started with
 * `node --import tsx test/support/local-runtime-process.ts <dataDir>`, it prints one JSON
 * line describing the runtime once it is ready and runs until it is killed. No signal
 * handlers on purpose: the test checks what is left when nothing gets to clean up.
 */
import { startLocal } from '../../bin/local/runtime.js';

export interface RuntimeProcessInfo {
  url: string;
  tableName: string;
  userPoolId: string;
  userPoolClientId: string;
  endpoints: { dynamodb: string; s3: string; cognito: string; ses: string };
  demo: { email: string; password: string };
}

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: local-runtime-process.ts <dataDir>');
  process.exit(2);
}
const runtime = await startLocal({ dataDir, port: 0, sesPort: 0, quiet: true });
const info: RuntimeProcessInfo = {
  url: runtime.url,
  tableName: runtime.tableName,
  userPoolId: runtime.userPoolId,
  userPoolClientId: runtime.userPoolClientId,
  endpoints: runtime.endpoints,
  demo: runtime.demo,
};
process.stdout.write(`${JSON.stringify(info)}\n`);
