/**
 * Renders PDF pages in one long-lived worker thread (pdf-worker.ts), one job at a time. The
 * worker is kept between renders (a warm Lambda reuses it, saving the pdf.js start-up) and
 * replaced after any failure of the worker itself: past the deadline it is terminated
 * (TIMED_OUT), and past its heap limit Node ends it (TOO_LARGE).
 */
import { Worker } from 'node:worker_threads';
import { rendererAssets } from './assets.js';
import { RenderError } from './errors.js';
import type { PdfJob, PdfJobResult, PdfWorkerData } from './pdf-protocol.js';

export const pdfLimits = {
  /** JS heap of the worker (pdf.js parses in JavaScript). Canvas memory is bounded by maxSide. */
  heapMb: 256,
  /** Loading pdf.js into a new worker; not counted against a document's deadline. */
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

interface RunningWorker {
  thread: Worker;
  /** Resolves once pdf.js is loaded in the worker; rejects if it dies or takes too long first. */
  ready: Promise<void>;
}

let worker: RunningWorker | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): RunningWorker {
  const assets = rendererAssets();
  const data: PdfWorkerData = {
    standardFontDataUrl: assets.standardFontDataUrl,
    cMapUrl: assets.cMapUrl,
    wasmUrl: assets.wasmUrl,
    iccUrl: assets.iccUrl,
    maxImagePixels: pdfLimits.maxImagePixels,
  };
  const thread = new Worker(assets.pdfWorker, {
    workerData: data,
    // Not the parent's flags: a loader such as tsx would start its own thread inside the worker,
    // under the worker's heap limit (the source worker needs none: Node strips its types).
    execArgv: process.execArgv.filter((flag) => flag === '--enable-source-maps'),
    resourceLimits: { maxOldGenerationSizeMb: pdfLimits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    // pdf.js warns on stdout about damaged files; keep those out of the function's logs.
    stdout: true,
    stderr: true,
  });
  thread.stdout.resume();
  thread.stderr.resume();
  // Always listened to: an 'error' with no listener would end the whole process. The job or
  // start-up that was waiting hears of it through its own listeners; this one forgets the thread.
  const forget = () => {
    if (worker?.thread === thread) worker = undefined;
  };
  thread.on('error', forget);
  thread.on('exit', forget);
  // Held (keeping the process alive) while starting and while rendering; idle, it lets the process exit.
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the PDF worker did not start within ${pdfLimits.startupMs} ms`)), pdfLimits.startupMs);
    timer.unref();
    const onMessage = (message: unknown) => {
      if ((message as { ready?: boolean }).ready !== true) return;
      cleanup();
      thread.unref();
      resolve();
    };
    const fail = (error: Error) => {
      cleanup();
      void thread.terminate();
      reject(error);
    };
    const onExit = (code: number) => fail(new Error(`the PDF worker exited (${code}) while starting`));
    const cleanup = () => {
      clearTimeout(timer);
      thread.off('message', onMessage);
      thread.off('error', fail);
      thread.off('exit', onExit);
    };
    thread.on('message', onMessage);
    thread.on('error', fail);
    thread.on('exit', onExit);
  });
  ready.catch(() => undefined);
  return { thread, ready };
}

/**
 * Starts the PDF worker ahead of the first request (a Lambda handler calls this while its
 * module loads, in the init phase), so no request waits for pdf.js to load.
 */
export async function warmPdfWorker(): Promise<void> {
  worker ??= startWorker();
  await worker.ready;
}

/** Ends the worker (tests, shutdown). The next render starts a new one. */
export async function closePdfWorker(): Promise<void> {
  const current = worker;
  worker = undefined;
  if (current) await current.thread.terminate();
}

/** Renders one page; jobs wait their turn, and `budgetMs` counts from when the worker takes this one. */
export function renderPdfPage(data: Uint8Array, page: number, maxSide: number, budgetMs: number): Promise<RenderedPage> {
  const run = queue.then(() => runJob(data, page, maxSide, budgetMs));
  queue = run.catch(() => undefined);
  return run;
}

async function runJob(data: Uint8Array, page: number, maxSide: number, budgetMs: number): Promise<RenderedPage> {
  const running = (worker ??= startWorker());
  try {
    await running.ready;
  } catch (error) {
    if (worker === running) worker = undefined;
    // Our fault, not the document's: a plain Error, which the API reports as an internal error.
    throw new Error('The PDF worker could not start', { cause: error });
  }
  // Starting the worker is not the document's doing: that time is not counted against it.
  const deadline = Date.now() + budgetMs;
  const current = running.thread;
  // A copy the worker owns (a Buffer may be a view on a shared pool, which cannot be transferred).
  const job: PdfJob = { id: nextId++, data: new Uint8Array(data), page, maxSide };
  return new Promise<RenderedPage>((resolve, reject) => {
    const discard = () => {
      if (worker === running) worker = undefined;
      void current.terminate();
    };
    const done = () => {
      clearTimeout(timer);
      current.off('message', onMessage);
      current.off('error', onError);
      current.off('exit', onExit);
      current.unref();
    };
    const onMessage = (result: PdfJobResult) => {
      if (result.id !== job.id) return;
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
    const onError = (error: Error & { code?: string }) => {
      done();
      discard();
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
        reject(new RenderError('TOO_LARGE', 'This PDF needs more memory than a preview may use.', { cause: error }));
      else reject(new RenderError('CORRUPT', 'This PDF could not be read; it may be damaged.', { cause: error }));
    };
    const onExit = (exitCode: number) => {
      done();
      if (worker === running) worker = undefined;
      reject(
        new RenderError('CORRUPT', 'This PDF could not be read; it may be damaged.', {
          cause: new Error(`the PDF worker exited (${exitCode})`),
        }),
      );
    };
    const timer = setTimeout(
      () => {
        done();
        discard();
        reject(timedOut());
      },
      Math.max(0, deadline - Date.now()),
    );
    current.on('message', onMessage);
    current.on('error', onError);
    current.on('exit', onExit);
    current.ref();
    current.postMessage(job, [job.data.buffer as ArrayBuffer]);
  });
}

const timedOut = () => new RenderError('TIMED_OUT', 'Rendering this file took too long, so the preview was stopped.');
