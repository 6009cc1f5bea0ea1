/**
 * Child processes of the local runtime (DynamoDB Local's Java, s3rver, cognito-local).
 * Every child is stopped by `stop()` and killed outright if this process exits any other
 * way; and each one also exits by itself when this process is gone, even after SIGKILL
 * (the Node children when their IPC channel closes, Java when its stdin does), so Ctrl-C
 * never leaves a Java process holding the database.
 *
 * Children are spawned with `detached: true` (DETACHED), in a process group of their own:
 * Ctrl-C in a terminal (or SIGTERM to the whole group) then reaches only the runtime, which
 * stops them in order, instead of killing them under it. So a child that exits while
 * nobody stopped it really did die, and is reported with its last output.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Output kept per child for error messages (printed only when the child fails). */
const OUTPUT_TAIL_CHARS = 4000;

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
  /** The last lines the child wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Spread into every spawn()/fork() of a managed child (see the top of this file). */
export const DETACHED = { detached: true } as const;

const running = new Set<ManagedChild>();

// Synchronous last resort: 'exit' listeners cannot wait, but a signal is sent at once.
process.on('exit', () => {
  for (const child of running) child.process.kill('SIGKILL');
});

export function manageChild(name: string, child: ChildProcess): ManagedChild {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
    // A spawn failure (e.g. no `java` on PATH) is an 'error' without 'exit'; unhandled, it would crash the runtime.
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      resolve();
    });
  });

  let stopping = false;
  const managed: ManagedChild = {
    name,
    process: child,
    exited,
    output: () => tail.trim(),
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killLater = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killLater);
      }
      running.delete(managed);
    },
  };
  running.add(managed);
  void exited.then(() => {
    if (running.delete(managed) && !stopping) {
      console.error(`[local] ${name} exited unexpectedly (${child.exitCode ?? child.signalCode}):\n${tail.trim() || '(no output)'}`);
    }
  });
  return managed;
}

/** `--import <tsx>` for child processes that run a TypeScript file of this folder (the path works from any cwd). */
export function tsxImportArgs(): string[] {
  return ['--import', createRequire(import.meta.url).resolve('tsx')];
}

/** Rejects when the child exits before `ready` settles, with its output in the message. */
export async function untilReady<T>(child: ManagedChild, ready: Promise<T>): Promise<T> {
  const died = child.exited.then(() => {
    throw new Error(`${child.name} exited during start-up:\n${child.output() || '(no output)'}`);
  });
  return Promise.race([ready, died]);
}

/** Polls `probe` until it succeeds or the time is up. */
export async function waitFor<T>(what: string, probe: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s: ${String(lastError)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One runtime per data dir: two DynamoDB Locals on one database file would corrupt it.
 * The owner's pid is kept in `<dataDir>/runtime.pid`; a file left by a runtime that died
 * is taken over (its children went with it: each exits when its parent does).
 */
export class DataDirLock {
  private readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = path.join(dataDir, 'runtime.pid');
  }

  claim(): void {
    let owner: number | undefined;
    try {
      owner = Number(readFileSync(this.file, 'utf8'));
    } catch {
      owner = undefined;
    }
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `Another local runtime (pid ${owner}) is using ${this.dataDir}. Stop it first ` +
          `(or delete ${this.file} if that pid is not a ShareLink runtime).`,
      );
    }
    writeFileSync(this.file, String(process.pid));
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}
