/** Messages between the renderer (pdf.ts) and its PDF process (pdf-worker.ts). Types only. */

/** The process's settings, passed as its one command-line argument (JSON). */
export interface PdfWorkerData {
  standardFontDataUrl: string;
  cMapUrl: string;
  wasmUrl: string;
  iccUrl: string;
  /** Embedded images above this many pixels are skipped rather than decoded. */
  maxImagePixels: number;
}

/** Sent once pdf.js is loaded: from then on a document's time may be counted. */
export interface PdfWorkerReady {
  ready: true;
}

export interface PdfJob {
  id: number;
  data: Uint8Array;
  /** 1-based. */
  page: number;
  maxSide: number;
}

export type PdfJobResult =
  | { id: number; ok: true; pixels: Uint8Array; width: number; height: number; pageCount: number }
  | { id: number; ok: false; reason: 'CORRUPT' | 'ENCRYPTED' | 'PAGE_OUT_OF_RANGE'; detail: string; pageCount?: number };
