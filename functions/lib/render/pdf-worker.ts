/**
 * The child process (started by pdf.ts with child_process.fork) that renders one PDF page at a
 * time with pdf.js onto a @napi-rs/canvas canvas and sends back its RGBA pixels over IPC. It
 * runs with its own heap limit and a deadline, so a hostile PDF that loops or grows ends this
 * process, never the renderer's. It exits when its parent goes (the IPC channel closes).
 * No relative value imports: in source form Node runs this file directly (type stripping).
 */
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import type { PdfJob, PdfJobResult, PdfWorkerData, PdfWorkerReady } from './pdf-protocol.js';

// pdf.js parses in a "fake worker" on this thread when it finds its worker code here, instead
// of import()ing pdf.worker.mjs by a path that a bundle would not have.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

if (!process.send) throw new Error('pdf-worker runs as a child process started by pdf.ts (child_process.fork), with an IPC channel');
const sendToParent = process.send.bind(process) as (message: PdfJobResult | PdfWorkerReady) => boolean;
// Once the parent is gone there is no one to answer (and sending would throw); 'disconnect' ends this process.
const send = (message: PdfJobResult | PdfWorkerReady) => process.connected && sendToParent(message);
const config = JSON.parse(process.argv[2] ?? '') as PdfWorkerData;

async function render(job: PdfJob): Promise<PdfJobResult> {
  const task = pdfjs.getDocument({
    data: job.data,
    standardFontDataUrl: config.standardFontDataUrl,
    cMapUrl: config.cMapUrl,
    cMapPacked: true,
    wasmUrl: config.wasmUrl,
    iccUrl: config.iccUrl,
    maxImageSize: config.maxImagePixels,
    // No code from the document runs, no system fonts, no network.
    enableXfa: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    verbosity: 0,
  });
  try {
    let document;
    try {
      document = await task.promise;
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'PasswordException') return { id: job.id, ok: false, reason: 'ENCRYPTED', detail: String((error as Error).message) };
      return { id: job.id, ok: false, reason: 'CORRUPT', detail: `${name}: ${(error as Error)?.message}` };
    }
    const pageCount = document.numPages;
    if (job.page > pageCount)
      return { id: job.id, ok: false, reason: 'PAGE_OUT_OF_RANGE', detail: `page ${job.page} of ${pageCount}`, pageCount };
    try {
      const page = await document.getPage(job.page);
      const natural = page.getViewport({ scale: 1 });
      if (!(natural.width >= 1 && natural.height >= 1 && Number.isFinite(natural.width * natural.height))) {
        return { id: job.id, ok: false, reason: 'CORRUPT', detail: `page size ${natural.width} x ${natural.height}` };
      }
      // Whatever the page size (a 200-inch poster or a stamp), the canvas is maxSide on its long side.
      const viewport = page.getViewport({ scale: job.maxSide / Math.max(natural.width, natural.height) });
      const width = Math.max(1, Math.min(job.maxSide, Math.round(viewport.width)));
      const height = Math.max(1, Math.min(job.maxSide, Math.round(viewport.height)));
      const canvas = createCanvas(width, height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as unknown as CanvasRenderingContext2D,
        viewport,
      }).promise;
      // A Uint8Array view (the canvas hands out a Uint8ClampedArray); sending it copies the bytes.
      const rgba = context.getImageData(0, 0, width, height).data;
      const pixels = new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
      return { id: job.id, ok: true, pixels, width, height, pageCount };
    } catch (error) {
      return { id: job.id, ok: false, reason: 'CORRUPT', detail: `${(error as Error)?.name}: ${(error as Error)?.message}`, pageCount };
    }
  } finally {
    await task.destroy();
  }
}

process.on('message', (job: PdfJob) => {
  render(job).then(send, (error: unknown) => send({ id: job.id, ok: false, reason: 'CORRUPT', detail: String(error) }));
});

// The parent is gone (it exited, crashed or was killed): nobody is left to render for.
process.on('disconnect', () => process.exit(0));

// pdf.js is loaded (the imports above): the renderer may start counting a document's time.
send({ ready: true });
