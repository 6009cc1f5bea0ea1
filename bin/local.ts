/**
 * `npm start`: the whole product on this machine (see bin/local/runtime.ts). Data lives in
 * `<repo>/.local` (SHARELINK_DATA_DIR to change it); PORT (default 3000) and SES_PORT
 * (default 8005) choose the two ports people open. Java is checked before anything starts.
 * Ctrl-C (or SIGTERM) stops every child process, the Java one too, and says so.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingPrerequisiteError, requireJava } from './local/java.js';
import type { LocalRuntime } from './local/runtime.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number, got "${raw}"`);
    process.exit(2);
  }
  return port;
}

let runtime: LocalRuntime | undefined;
let exiting = false;

async function shutdown(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  await runtime?.stop();
  if (code === 0) console.log('ShareLink stopped.');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C does not wait; exiting still kills every child (see bin/local/children.ts).
    if (exiting) process.exit(1);
    console.log(signal === 'SIGINT' ? '\nStopping…' : `Stopping (${signal})…`);
    void shutdown(0);
  });
}

const options = {
  dataDir: path.resolve(process.env.SHARELINK_DATA_DIR || path.join(repoRoot, '.local')),
  port: portFromEnv('PORT', 3000),
  sesPort: portFromEnv('SES_PORT', 8005),
};

try {
  await requireJava();
} catch (error) {
  // A machine without Java is told what to install: one message, no stack trace.
  if (!(error instanceof MissingPrerequisiteError)) throw error;
  console.error(`ShareLink cannot start: ${error.message}`);
  process.exit(1);
}

try {
  // Loaded only now: a machine without Java hears so at once, not after the whole runtime's imports.
  const { startLocal } = await import('./local/runtime.js');
  runtime = await startLocal(options);
} catch (error) {
  console.error(`\nShareLink could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.cause) console.error(error.cause);
  await shutdown(1);
}

if (runtime && !exiting) {
  const passwordNote = process.env.SHARELINK_DEMO_PASSWORD ? '(from SHARELINK_DEMO_PASSWORD)' : runtime.demo.password;
  const dataNote = process.env.SHARELINK_DATA_DIR ? options.dataDir : '.local/';
  console.log(`
ShareLink is running.

  App:          ${runtime.url}
  Email inbox:  ${runtime.inboxUrl}
  Demo user:    ${runtime.demo.email} (${runtime.demo.name})
  Admin user:   ${runtime.admin.email} (${runtime.admin.name}, group admins)
  Password:     ${passwordNote}

Data is kept in ${dataNote} (delete it to start afresh). Press Ctrl-C to stop.
`);
}
