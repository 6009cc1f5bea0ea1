/**
 * Runs cognito-local in its own Node process (started by cognito.ts with the cognito
 * data dir as working directory, where it reads `.cognito/config.json`), with the claims
 * trigger it calls (cognito-claims.ts) on `COGNITO_CLAIMS_PORT`. Exits when the parent goes
 * away, so a crashed runtime leaves no cognito-local behind.
 *
 * Its log is made readable here: cognito-local logs every refused call (a wrong password
 * included) as a warning with a stack trace. A refusal or a failure becomes one line sent
 * to the runtime to print (see CognitoEvent); every record is also written to stdout in
 * one line (a failure with its stack), which the runtime keeps and shows if this process dies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createDefaultServer } from 'cognito-local/lib/server/index.js';
import type { DestinationStream, pino as createPino } from 'pino';
import { startClaimsTrigger } from './cognito-claims.js';
import { describeRefusal, oneLine, type CognitoEvent, type Refusal } from './cognito-log.js';

process.on('disconnect', () => process.exit(0));

/** What cognito-local's pino logger writes: one JSON object per record. */
interface LogRecord {
  level: number;
  msg?: string;
  reqId?: string;
  err?: { type?: string; code?: string; message?: string; stack?: string };
}

const WARN = 40;
const ERROR = 50;
const TARGET_IN_MESSAGE = /^Error handling target: (\w+)$/;

function send(event: CognitoEvent): void {
  if (process.connected) process.send?.(event, undefined, undefined, () => {});
}

/** Refusals logged during a request, by cognito-local's request id, until the request ends. */
const refusals = new Map<string, Omit<Refusal, 'authFlow' | 'username'>>();

const destination: DestinationStream = {
  write(line: string) {
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      process.stdout.write(line);
      return;
    }
    const target = TARGET_IN_MESSAGE.exec(record.msg ?? '')?.[1];
    // A refusal (a 400 with an AWS error code): the request's end turns it into one line.
    if (record.level === WARN && target && record.reqId && record.err?.code) {
      refusals.set(record.reqId, { target, code: record.err.code, message: record.err.message ?? '' });
      return;
    }
    const level = record.level >= ERROR ? 'error' : record.level >= WARN ? 'warn' : 'info';
    const text = oneLine(target ? `${target} failed: ${record.err?.message ?? ''}` : `${record.msg ?? ''} ${record.err?.message ?? ''}`);
    if (record.level >= ERROR) send({ kind: 'error', line: `cognito-local: ${text}` });
    // The stack of a real failure stays in the output kept for the report, should the process die.
    process.stdout.write(`${level}: ${text}\n${record.level >= ERROR && record.err?.stack ? `${record.err.stack}\n` : ''}`);
  },
};

// The very pino cognito-local depends on, as its request logger (pino-http) expects.
const pino = createRequire(createRequire(import.meta.url).resolve('cognito-local'))('pino') as typeof createPino;
const logger = pino({ level: 'info' }, destination);

await startClaimsTrigger(Number(process.env.COGNITO_CLAIMS_PORT));
const server = await createDefaultServer(logger);
const http = await server.start();
// A second listener after cognito-local's own: it only watches each request end.
http.on('request', (req: IncomingMessage & { id?: string; body?: unknown }, res: ServerResponse) => {
  res.once('close', () => {
    const refusal = req.id === undefined ? undefined : refusals.get(String(req.id));
    if (!refusal) return;
    refusals.delete(String(req.id));
    const parameters = (req.body as { AuthFlow?: unknown; AuthParameters?: { USERNAME?: unknown } } | undefined) ?? {};
    const line = describeRefusal({
      ...refusal,
      authFlow: typeof parameters.AuthFlow === 'string' ? parameters.AuthFlow : undefined,
      username: typeof parameters.AuthParameters?.USERNAME === 'string' ? parameters.AuthParameters.USERNAME : undefined,
    });
    // Kept with the rest of the output, for the report should this process die.
    process.stdout.write(`refused: ${line}\n`);
    // Admin calls come from the runtime's own provisioning, which expects some (a user that already exists).
    if (!refusal.target.startsWith('Admin')) send({ kind: 'refused', line });
  });
});
