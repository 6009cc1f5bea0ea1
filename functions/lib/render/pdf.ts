/**
 * Renders PDF pages in one long-lived child process (pdf-worker.ts, started with
 * child_process.fork), one job at a time. A separate process, not a worker thread: a document
 * that exhausts the heap makes V8 abort the whole process it runs in (a worker's heap limit
 * does not always stop a fast allocation in time), and that must never be the caller's. The
 * process is kept between renders (a warm Lambda reuses it, saving the pdf.js start-up) and
 * replaced after any failure of its own: past the deadline it is killed (TIMED_OUT), and an end
 * by a signal while rendering, such as the abort at its heap limit, is TOO_LARGE.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { rendererAssets } from './assets.js';
import { RenderError } from './errors.js';
import type { PdfJob, PdfJobResult, PdfWorkerData, PdfWorkerReady } from './pdf-protocol.js';

export const pdfLimits = {
  /** JS heap (old space) of the PDF process (pdf.js parses in JavaScript). Canvas memory is bounded by maxSide. */
  heapMb: 256,
  /** Starting the PDF process and loading pdf.js; not counted against a document's deadline. */
  startupMs: 20_000,
  /** Embedded images above this many pixels are left out of the render rather than decoded. */
  maxImagePixels: 40_000_000,
};

export interface RenderedPage {
  pixels: Uint8Array;
  width: number;
  height: number;
  pageCount: number;
  /** When the document's time runs out (its budget counts from when its turn came). */
  deadline: number;
}

interface PdfProcess {
  child: ChildProcess;
  /** Resolves once pdf.js is loaded in the process; rejects if it dies or takes too long first. */
  ready: Promise<void>;
}

let running: PdfProcess | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();
let killOnExit = false;

/** Idle, the process and its IPC channel let this process exit; starting or rendering, they hold it. */
function hold(child: ChildProcess, held: boolean): void {
  if (held) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

function kill(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

const ended = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `was ended by ${signal}` : `exited (${code})`);

function startProcess(): PdfProcess {
  const assets = rendererAssets();
  const data: PdfWorkerData = {
    standardFontDataUrl: assets.standardFontDataUrl,
    cMapUrl: assets.cMapUrl,
    wasmUrl: assets.wasmUrl,
    iccUrl: assets.iccUrl,
    maxImagePixels: pdfLimits.maxImagePixels,
  };
  const child = fork(assets.pdfWorker, [JSON.stringify(data)], {
    // Not the parent's flags: a loader such as tsx is not needed (Node strips the source worker's types).
    execArgv: [`--max-old-space-size=${pdfLimits.heapMb}`, ...process.execArgv.filter((flag) => flag === '--enable-source-maps')],
    // Structured clone over IPC, so pages travel as Uint8Arrays rather than JSON.
    serialization: 'advanced',
    // pdf.js warns on stdout about damaged files; keep that out of the function's logs. The end of
    // stderr is kept to say why the process could not start.
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderrTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-2_000)));
  // A pipe: it would hold this process open while the idle PDF process lives.
  (child.stderr as Socket | null)?.unref();
  if (!killOnExit) {
    killOnExit = true;
    // A process busy with a document only hears that its parent is gone once it is done: end it now.
    process.on('exit', () => running && kill(running.child));
  }
  // Always listened to: an 'error' with no listener would end this process. The job or start-up
  // that was waiting hears of it through its own listeners; this one forgets the process.
  const forget = () => {
    if (running?.child === child) running = undefined;
  };
  child.on('error', forget);
  child.on('exit', forget);
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the PDF process did not start within ${pdfLimits.startupMs} ms`)), pdfLimits.startupMs);
    timer.unref();
    const onMessage = (message: PdfWorkerReady | PdfJobResult) => {
      if (!('ready' in message)) return;
      cleanup();
      hold(child, false);
      resolve();
    };
    const fail = (error: Error) => {
      cleanup();
      kill(child);
      reject(error);
    };
    // 'close', not 'exit': by then stderr has been read to its end.
    const onClose = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(new Error(`the PDF process ${ended(code, signal)} while starting${stderrTail ? `: ${stderrTail.trim()}` : ''}`));
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('error', fail);
      child.off('close', onClose);
    };
    child.on('message', onMessage);
    child.on('error', fail);
    child.on('close', onClose);
  });
  ready.catch(() => undefined);
  return { child, ready };
}

/**
 * Starts the PDF process ahead of the first request (a Lambda handler calls this while its
 * module loads, in the init phase), so no request waits for pdf.js to load.
 */
export async function warmPdfWorker(): Promise<void> {
  running ??= startProcess();
  await running.ready;
}

/** Ends the PDF process (tests, shutdown). The next render starts a new one. */
export async function closePdfWorker(): Promise<void> {
  const current = running;
  running = undefined;
  if (!current) return;
  const { child } = current;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Held until it has exited: an idle (unref'd) process would let this one end before hearing so.
  child.ref();
  kill(child);
  await exited;
}

/** Renders one page; jobs wait their turn, and `budgetMs` counts from when the PDF process takes this one. */
export function renderPdfPage(data: Uint8Array, page: number, maxSide: number, budgetMs: number): Promise<RenderedPage> {
  const run = queue.then(() => runJob(data, page, maxSide, budgetMs));
  queue = run.catch(() => undefined);
  return run;
}

async function runJob(data: Uint8Array, page: number, maxSide: number, budgetMs: number): Promise<RenderedPage> {
  const current = (running ??= startProcess());
  try {
    await current.ready;
  } catch (error) {
    if (running === current) running = undefined;
    // Our fault, not the document's: a plain Error, which the API reports as an internal error.
    throw new Error('The PDF process could not start', { cause: error });
  }
  // Starting the process is not the document's doing: that time is not counted against it.
  const deadline = Date.now() + budgetMs;
  const { child } = current;
  // A plain Uint8Array view: the bytes are copied into the message, whatever they are a view on.
  const job: PdfJob = { id: nextId++, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), page, maxSide };
  return new Promise<RenderedPage>((resolve, reject) => {
    const discard = () => {
      if (running === current) running = undefined;
      kill(child);
    };
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('error', onError);
      child.off('exit', onExit);
      hold(child, false);
    };
    const onMessage = (result: PdfJobResult | PdfWorkerReady) => {
      if ('ready' in result || result.id !== job.id) return;
      done();
      if (result.ok)
        return resolve({ pixels: result.pixels, width: result.width, height: result.height, pageCount: result.pageCount, deadline });
      const cause = new Error(result.detail);
      if (result.reason === 'ENCRYPTED')
        return reject(new RenderError('ENCRYPTED', 'This PDF is protected by a password, so it cannot be previewed.', { cause }));
      if (result.reason === 'PAGE_OUT_OF_RANGE') {
        return reject(
          new RenderError(
            'PAGE_OUT_OF_RANGE',
            `This PDF has ${result.pageCount} page${result.pageCount === 1 ? '' : 's'}; page ${page} does not exist.`,
            { pageCount: result.pageCount, cause },
          ),
        );
      }
      reject(new RenderError('CORRUPT', 'This PDF could not be read; it may be damaged.', { cause }));
    };
    // The job could not be handed over (the channel broke): ours to report, not the document's.
    const onError = (error: Error) => {
      done();
      discard();
      reject(new Error('The PDF process could not take the document', { cause: error }));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      if (running === current) running = undefined;
      const cause = new Error(`the PDF process ${ended(code, signal)}`);
      // A signal: V8's abort at the heap limit (SIGABRT), or the system's out-of-memory killer (SIGKILL).
      if (signal) reject(new RenderError('TOO_LARGE', 'This PDF needs more memory than a preview may use.', { cause }));
      else reject(new RenderError('CORRUPT', 'This PDF could not be read; it may be damaged.', { cause }));
    };
    const timer = setTimeout(
      () => {
        done();
        discard();
        reject(timedOut());
      },
      Math.max(0, deadline - Date.now()),
    );
    child.on('message', onMessage);
    child.on('error', onError);
    child.on('exit', onExit);
    hold(child, true);
    child.send(job, (error) => error && onError(error));
  });
}

const timedOut = () => new RenderError('TIMED_OUT', 'Rendering this file took too long, so the preview was stopped.');
