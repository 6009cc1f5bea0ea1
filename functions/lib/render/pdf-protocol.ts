/** Messages between the renderer and its PDF worker (pdf-worker.ts). Types only. */
export interface PdfWorkerData {
  standardFontDataUrl: string;
  cMapUrl: string;
  wasmUrl: string;
  iccUrl: string;
  /** Embedded images above this many pixels are skipped rather than decoded. */
  maxImagePixels: number;
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
