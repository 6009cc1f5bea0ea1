/**
 * `npm test`: everything, in two stages.
 *
 * 1. The type check and the linter run alongside the unit, fuzz and infra tests: none of them
 *    touches a shared service, and each alone leaves a core idle on a two-core machine.
 * 2. The e2e tests (integration over HTTP and the browser), alone: they share one local runtime
 *    and run one file at a time, and they are the ones a busy machine makes slow.
 *
 * Every part runs even when an earlier one failed, so one run shows every failure; the exit code
 * is non-zero when any part failed. Each part's output is printed as a whole once it ends, so the
 * stage-one parts do not interleave.
 */
import { spawn } from 'node:child_process';

interface Part {
  name: string;
  command: string[];
}

interface Outcome {
  name: string;
  ok: boolean;
  seconds: number;
}

const STATIC_AND_FAST: Part[] = [
  { name: 'type check', command: ['tsc', '-p', '.'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'unit, fuzz and infra tests', command: ['vitest', 'run', '--project', 'unit', '--project', 'fuzz', '--project', 'infra'] },
];
const E2E: Part = { name: 'e2e tests', command: ['vitest', 'run', '--project', 'e2e'] };

/** Runs a part; `buffered` keeps its output until it ends (for parts that run side by side). */
function run(part: Part, buffered: boolean): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const [command, ...args] = part.command;
    // npm puts node_modules/.bin first on PATH, so `tsc` and `vitest` are the project's own.
    const child = spawn(command!, args, {
      stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (ok: boolean) => {
      const seconds = (performance.now() - started) / 1000;
      if (buffered) {
        process.stdout.write(`\n── ${part.name} ${'─'.repeat(Math.max(0, 70 - part.name.length))}\n`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ name: part.name, ok, seconds });
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`${part.name}: ${error.message}\n`));
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

const first = await Promise.all(STATIC_AND_FAST.map((part) => run(part, true)));
process.stdout.write(`\n── ${E2E.name} ${'─'.repeat(70 - E2E.name.length)}\n`);
const outcomes = [...first, await run(E2E, false)];

process.stdout.write('\n');
for (const outcome of outcomes) {
  process.stdout.write(`${outcome.ok ? 'passed' : 'FAILED'}  ${outcome.name} (${outcome.seconds.toFixed(0)} s)\n`);
}
process.exitCode = outcomes.every((outcome) => outcome.ok) ? 0 : 1;
