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
  /** Embedded images above this many pixels are left out of the render rather than decoded. */
  maxImagePixels: 40_000_000,
};

export interface RenderedPage {
  pixels: Uint8Array;
  width: number;
  height: number;
  pageCount: number;
}

let worker: Worker | undefined;
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Worker {
  const assets = rendererAssets();
  const data: PdfWorkerData = {
    standardFontDataUrl: assets.standardFontDataUrl,
    cMapUrl: assets.cMapUrl,
    wasmUrl: assets.wasmUrl,
    iccUrl: assets.iccUrl,
    maxImagePixels: pdfLimits.maxImagePixels,
  };
  const started = new Worker(assets.pdfWorker, {
    workerData: data,
    // The worker inherits Node's flags (a tsx loader, source maps) except one that only fits `node -e`.
    execArgv: process.execArgv.filter((flag) => !flag.startsWith('--input-type')),
    resourceLimits: { maxOldGenerationSizeMb: pdfLimits.heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    // pdf.js warns on stdout about damaged files; keep those out of the function's logs.
    stdout: true,
    stderr: true,
  });
  started.stdout.resume();
  started.stderr.resume();
  started.unref();
  return started;
}

/** Ends the worker (tests, shutdown). The next render starts a new one. */
export async function closePdfWorker(): Promise<void> {
  const current = worker;
  worker = undefined;
  if (current) await current.terminate();
}

export function renderPdfPage(data: Uint8Array, page: number, maxSide: number, deadline: number): Promise<RenderedPage> {
  const run = queue.then(() => runJob(data, page, maxSide, deadline));
  queue = run.catch(() => undefined);
  return run;
}

function runJob(data: Uint8Array, page: number, maxSide: number, deadline: number): Promise<RenderedPage> {
  if (Date.now() >= deadline) return Promise.reject(timedOut());
  const current = (worker ??= startWorker());
  // A copy the worker owns (a Buffer may be a view on a shared pool, which cannot be transferred).
  const job: PdfJob = { id: nextId++, data: new Uint8Array(data), page, maxSide };
  return new Promise<RenderedPage>((resolve, reject) => {
    const discard = () => {
      if (worker === current) worker = undefined;
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
      if (result.ok) return resolve({ pixels: result.pixels, width: result.width, height: result.height, pageCount: result.pageCount });
      const cause = new Error(result.detail);
      if (result.reason === 'ENCRYPTED') return reject(new RenderError('ENCRYPTED', 'This PDF is protected by a password, so it cannot be previewed.', { cause }));
      if (result.reason === 'PAGE_OUT_OF_RANGE') {
        return reject(new RenderError('PAGE_OUT_OF_RANGE', `This PDF has ${result.pageCount} page${result.pageCount === 1 ? '' : 's'}; page ${page} does not exist.`, { pageCount: result.pageCount, cause }));
      }
      reject(new RenderError('CORRUPT', 'This PDF could not be read; it may be damaged.', { cause }));
    };
    const onError = (error: Error & { code?: string }) => {
      done();
      discard();
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new RenderError('TOO_LARGE', 'This PDF needs more memory than a preview may use.', { cause: error }));
      else reject(new RenderError('CORRUPT', 'This PDF could not be read; it may be damaged.', { cause: error }));
    };
    const onExit = (exitCode: number) => {
      done();
      if (worker === current) worker = undefined;
      reject(new RenderError('CORRUPT', 'This PDF could not be read; it may be damaged.', { cause: new Error(`the PDF worker exited (${exitCode})`) }));
    };
    const timer = setTimeout(() => {
      done();
      discard();
      reject(timedOut());
    }, Math.max(0, deadline - Date.now()));
    current.on('message', onMessage);
    current.on('error', onError);
    current.on('exit', onExit);
    current.ref();
    current.postMessage(job, [job.data.buffer as ArrayBuffer]);
  });
}

const timedOut = () => new RenderError('TIMED_OUT', 'Rendering this file took too long, so the preview was stopped.');
