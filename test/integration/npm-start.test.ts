/**
 * `npm start` (bin/local.ts) as a person sees it in a terminal: a missing or old Java is
 * one message before anything starts; a wrong sign-in is one line, never a stack trace;
 * Ctrl-C and SIGTERM (sent to the whole process group, as a terminal or a process
 * manager does) are a clean stop; a child that really dies is reported with its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { appConfig } from '../support/local-runtime.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');
const STACK_FRAME = /^\s+at /m;

/** bin/local.ts as `npm start` runs it, leading a process group of its own as in a terminal; stdout and stderr in one transcript. */
class NpmStart {
  readonly process: ChildProcess;
  private transcript = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: NodeJS.ProcessEnv) {
    this.process = spawn(process.execPath, ['--openssl-legacy-provider', '--import', tsx, path.join(repoRoot, 'bin', 'local.ts')], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', SES_PORT: '0', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.transcript += chunk.toString('utf8'));
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Everything printed so far, or since `mark` (a length of the output). */
  output(mark = 0): string {
    return this.transcript.slice(mark);
  }

  /** Resolves with the app URL once the runtime says it is running. */
  async running(): Promise<string> {
    const exitedEarly = this.exited.then(({ code }) => {
      throw new Error(`npm start exited (${code}) before it was running:\n${this.transcript}`);
    });
    const url = vi.waitFor(
      () => {
        const app = /^ {2}App: +(\S+)$/m.exec(this.transcript)?.[1];
        if (!app) throw new Error('not running yet');
        return app;
      },
      { timeout: 150_000, interval: 100 },
    );
    return Promise.race([url, exitedEarly]);
  }

  /** A signal to the whole process group: what Ctrl-C in a terminal (SIGINT) or a process manager (SIGTERM) does. */
  signalGroup(signal: NodeJS.Signals): void {
    process.kill(-this.process.pid!, signal);
  }

  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.signalGroup('SIGKILL');
  }
}

/** The pid of a child of `parent` whose command line mentions `script` (Linux /proc). */
function childOf(parent: number, script: string): number | undefined {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // The 4th field of /proc/<pid>/stat, after the parenthesised command name, is the parent pid.
      const parentPid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      if (parentPid === parent && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(script)) return Number(pid);
    } catch {
      // exited while we looked
    }
  }
  return undefined;
}

/** InitiateAuth as the web app calls it; answers the HTTP status. */
async function signIn(appUrl: string, email: string, password: string): Promise<number> {
  const config = await appConfig(appUrl);
  const response = await fetch(config.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  });
  await response.body?.cancel();
  return response.status;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'sharelink-npm-start-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

describe('npm start without Java 17+', () => {
  const run = async (pathVariable: string) => {
    const dataDir = path.join(scratch, `no-java-${Math.random().toString(36).slice(2)}`);
    const start = new NpmStart({ PATH: pathVariable, SHARELINK_DATA_DIR: dataDir });
    const { code } = await start.exited;
    return { code, output: start.output(), dataDir };
  };

  it('says what to install and starts nothing when there is no java on PATH', async () => {
    const withoutJava = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => !existsSync(path.join(dir, 'java')))
      .join(path.delimiter);
    const { code, output, dataDir } = await run(withoutJava);
    expect(code).toBe(1);
    expect(output).toContain('no `java` on PATH');
    expect(output).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(output).not.toMatch(STACK_FRAME);
    // Nothing started: no service came up and the data dir was never made.
    expect(output).not.toContain('[local]');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names the version it found when java is older than 17', async () => {
    const bin = path.join(scratch, 'java-11');
    await mkdir(bin);
    await writeFile(path.join(bin, 'java'), `#!/bin/sh\necho 'openjdk version "11.0.22" 2024-01-16' >&2\n`);
    await chmod(path.join(bin, 'java'), 0o755);
    const { code, output, dataDir } = await run(`${bin}${path.delimiter}${process.env.PATH ?? ''}`);
    expect(code).toBe(1);
    expect(output).toContain('needs Java 17 or newer; the `java` on PATH is Java 11');
    expect(output).toContain('apt-get install -y openjdk-17-jre-headless');
    expect(output).not.toMatch(STACK_FRAME);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('npm start while it runs', () => {
  // Two runtimes, started together on data dirs seeded with the e2e runtime's build (bundles, DynamoDB launcher).
  let interrupted: NpmStart;
  let terminated: NpmStart;
  let interruptedUrl: string;
  let terminatedUrl: string;

  beforeAll(async () => {
    const dataDirs = ['ctrl-c', 'sigterm'].map((name) => path.join(scratch, name));
    await Promise.all(dataDirs.map((dir) => cp(path.join(inject('e2eDataDir'), 'build'), path.join(dir, 'build'), { recursive: true })));
    interrupted = new NpmStart({ SHARELINK_DATA_DIR: dataDirs[0] });
    terminated = new NpmStart({ SHARELINK_DATA_DIR: dataDirs[1] });
    [interruptedUrl, terminatedUrl] = await Promise.all([interrupted.running(), terminated.running()]);
  }, 180_000);
  afterAll(async () => {
    for (const start of [interrupted, terminated]) start?.kill();
    await Promise.all([interrupted?.exited, terminated?.exited]);
  });

  it('logs a wrong sign-in in one line, with no stack trace, and Ctrl-C is a clean stop', async () => {
    const mark = interrupted.output().length;
    expect(await signIn(interruptedUrl, inject('demoEmail'), 'Not-the-password-1')).toBe(400);
    expect(await signIn(interruptedUrl, 'nobody@example.com', 'Not-the-password-1')).toBe(400);
    const expected = [
      '[local] sign-in refused for demo@example.com (wrong password)',
      '[local] sign-in refused for nobody@example.com (no such user)',
    ];
    await vi.waitFor(() => expect(interrupted.output(mark)).toContain(expected[1]), { timeout: 10_000, interval: 50 });
    // Exactly these lines and nothing in between (the second request started after the first was answered).
    expect(interrupted.output(mark).trim().split('\n')).toEqual(expected);

    const beforeStop = interrupted.output().length;
    interrupted.signalGroup('SIGINT');
    const { code } = await interrupted.exited;
    const stopping = interrupted.output(beforeStop);
    expect(stopping).toMatch(/^ShareLink stopped\.$/m);
    expect(stopping).not.toContain('unexpectedly');
    expect(code).toBe(0);
    expect(interrupted.output()).not.toMatch(STACK_FRAME);
    expect(interrupted.output()).not.toContain('Not-the-password-1');
  });

  it('reports a child that really dies, with its last output, and SIGTERM is a clean stop', async () => {
    expect(await signIn(terminatedUrl, 'nobody@example.com', 'Not-the-password-1')).toBe(400);
    await vi.waitFor(() => expect(terminated.output()).toContain('sign-in refused for nobody@example.com'), { timeout: 10_000 });
    const cognito = childOf(terminated.process.pid!, 'cognito-process.ts');
    expect(cognito).toBeDefined();
    process.kill(cognito!, 'SIGKILL');
    await vi.waitFor(() => expect(terminated.output()).toContain('[local] cognito-local exited unexpectedly (SIGKILL):'), {
      timeout: 10_000,
    });
    // Its last output comes with it: here the refusal it logged.
    expect(terminated.output()).toMatch(/exited unexpectedly \(SIGKILL\):\n(.*\n)*refused: sign-in refused for nobody@example\.com/);

    const beforeStop = terminated.output().length;
    terminated.signalGroup('SIGTERM');
    const { code } = await terminated.exited;
    const stopping = terminated.output(beforeStop);
    expect(stopping).toMatch(/^ShareLink stopped\.$/m);
    expect(stopping).not.toContain('unexpectedly');
    expect(code).toBe(0);
  });
});
