/**
 * What a file really is, from its bytes (magic numbers), and what its name or content type
 * claims; `decide` turns the two into what to render or why not. Policy:
 * - the bytes win when they carry a signature of a kind we render (a `.pdf` that is a PNG is
 *   rendered as the PNG: the output is always a new raster, and each format is parsed by its
 *   own decoder, so nothing is lost by trusting the signature);
 * - video and audio are refused whatever the name says;
 * - text has no signature, so text is rendered only when the name or content type says text;
 *   text named as an image or PDF is refused as a mismatch rather than shown as text.
 */
import { RenderError } from './errors.js';

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif';
export type Sniffed =
  | { kind: 'image'; format: ImageFormat }
  | { kind: 'pdf' }
  | { kind: 'media'; format: string }
  /** A known format we do not render (HEIC, archives, ...). */
  | { kind: 'other'; format: string }
  | { kind: 'text' }
  | { kind: 'binary' }
  | { kind: 'empty' };

export type Claimed = 'image' | 'pdf' | 'text' | 'media' | 'unknown';

const ascii = (bytes: Uint8Array, at: number, text: string) => {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};
const startsWith = (bytes: Uint8Array, ...signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** ISO base media (MP4, MOV, M4A, 3GP, AVIF, HEIC): `ftyp` box with a major brand and compatible brands. */
function isoBrands(bytes: Uint8Array): string[] | undefined {
  if (!ascii(bytes, 4, 'ftyp')) return undefined;
  const size = Math.min(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, bytes.length, 256);
  const brands: string[] = [];
  for (let at = 8; at + 4 <= size; at += 4) if (at !== 12) brands.push(String.fromCharCode(...bytes.subarray(at, at + 4)));
  return brands;
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return { kind: 'image', format: 'jpeg' };
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { kind: 'image', format: 'png' };
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return { kind: 'image', format: 'gif' };
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return { kind: 'image', format: 'webp' };
  if (startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return { kind: 'image', format: 'tiff' };
  // PDF readers accept up to 1 KB of junk before the header; so do we.
  if (findAscii(bytes.subarray(0, 1024), '%PDF-')) return { kind: 'pdf' };
  const brands = isoBrands(bytes);
  if (brands) {
    if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: 'image', format: 'avif' };
    if (brands.some((b) => HEIF_BRANDS.has(b))) return { kind: 'other', format: 'heic' };
    return { kind: 'media', format: 'mp4' };
  }
  const media = sniffMedia(bytes);
  if (media) return { kind: 'media', format: media };
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return { kind: 'other', format: 'zip' };
  return looksLikeText(bytes) ? { kind: 'text' } : { kind: 'binary' };
}

function sniffMedia(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, 0x1a, 0x45, 0xdf, 0xa3)) return 'webm';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'AVI ')) return 'avi';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return 'wav';
  if (ascii(bytes, 0, 'FORM') && (ascii(bytes, 8, 'AIFF') || ascii(bytes, 8, 'AIFC'))) return 'aiff';
  if (ascii(bytes, 0, 'OggS')) return 'ogg';
  if (ascii(bytes, 0, 'fLaC')) return 'flac';
  if (ascii(bytes, 0, 'ID3')) return 'mp3';
  if (ascii(bytes, 0, 'FLV\x01')) return 'flv';
  if (ascii(bytes, 0, 'MThd')) return 'midi';
  if (startsWith(bytes, 0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11)) return 'asf';
  if (startsWith(bytes, 0x00, 0x00, 0x01, 0xba) || startsWith(bytes, 0x00, 0x00, 0x01, 0xb3)) return 'mpeg';
  // MPEG audio frame sync (MP3, AAC ADTS): 11 set bits; JPEG's FF D8 was matched before.
  // FF FE and FF FF are left out: the first is the UTF-16 byte-order mark.
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0 && bytes[1]! < 0xfe) return 'mpeg-audio';
  return undefined;
}

function findAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/** How much of a file decides whether it is text. */
const TEXT_SNIFF_BYTES = 64 * 1024;

/**
 * Text: a UTF-16 byte-order mark, or no NUL byte and almost no control characters other than
 * tab, line feed, form feed, carriage return and escape (ANSI colours in logs).
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) return true;
  const head = bytes.subarray(0, TEXT_SNIFF_BYTES);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  return controls <= head.length / 100;
}

const EXTENSIONS: Record<string, Claimed> = {};
for (const ext of ['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'gif', 'webp', 'tif', 'tiff', 'avif', 'heic', 'heif', 'bmp'])
  EXTENSIONS[ext] = 'image';
EXTENSIONS.pdf = 'pdf';
for (const ext of ['txt', 'text', 'md', 'markdown', 'csv', 'tsv', 'json', 'log']) EXTENSIONS[ext] = 'text';
for (const ext of [
  'mp4',
  'm4v',
  'mov',
  'webm',
  'mkv',
  'avi',
  'wmv',
  'flv',
  'mpg',
  'mpeg',
  'ts',
  '3gp',
  'mp3',
  'm4a',
  'aac',
  'wav',
  'flac',
  'ogg',
  'oga',
  'ogv',
  'opus',
  'wma',
  'aif',
  'aiff',
  'mid',
  'midi',
])
  EXTENSIONS[ext] = 'media';

const TEXT_TYPES = new Set([
  'text/plain',
  'text/markdown',
  'text/x-markdown',
  'text/csv',
  'text/tab-separated-values',
  'application/json',
  'text/x-log',
]);

/** What the file says it is: its extension first, else its content type. */
export function claimed(name: string, contentType?: string): Claimed {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1]?.toLowerCase();
  const byName = ext ? EXTENSIONS[ext] : undefined;
  if (byName) return byName;
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.startsWith('video/') || type.startsWith('audio/')) return 'media';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (TEXT_TYPES.has(type)) return 'text';
  return 'unknown';
}

export type Decision =
  { render: 'image'; format: ImageFormat; mismatch: boolean } | { render: 'pdf'; mismatch: boolean } | { render: 'text' };

const claimedLabel: Record<Claimed, string> = {
  image: 'an image',
  pdf: 'a PDF',
  text: 'a text file',
  media: 'a video or audio file',
  unknown: 'a file',
};

export function decide(bytes: Uint8Array, name: string, contentType?: string): Decision {
  const real = sniff(bytes);
  const claim = claimed(name, contentType);
  switch (real.kind) {
    case 'empty':
      throw new RenderError('EMPTY', 'This file is empty (0 bytes): there is nothing to preview.');
    case 'image':
      return { render: 'image', format: real.format, mismatch: claim !== 'image' };
    case 'pdf':
      return { render: 'pdf', mismatch: claim !== 'pdf' };
    case 'media':
      throw new RenderError('MEDIA', 'Video and audio files cannot be previewed.');
    case 'other':
      if (claim === 'media') throw new RenderError('MEDIA', 'Video and audio files cannot be previewed.');
      throw new RenderError('UNSUPPORTED_TYPE', `Files of this kind (${real.format.toUpperCase()}) cannot be previewed.`);
    case 'text':
      if (claim === 'text') return { render: 'text' };
      if (claim === 'image' || claim === 'pdf')
        throw new RenderError('MISMATCH', `This file is named as ${claimedLabel[claim]}, but its content is text; it cannot be previewed.`);
      if (claim === 'media') throw new RenderError('MEDIA', 'Video and audio files cannot be previewed.');
      throw new RenderError('UNSUPPORTED_TYPE', 'Only images, PDF files and text files (txt, md, csv, json, log) can be previewed.');
    case 'binary':
      if (claim === 'media') throw new RenderError('MEDIA', 'Video and audio files cannot be previewed.');
      if (claim === 'image' || claim === 'pdf')
        throw new RenderError(
          'CORRUPT',
          `This file is named as ${claimedLabel[claim]}, but its content is not one we can read; it may be damaged.`,
        );
      if (claim === 'text')
        throw new RenderError('MISMATCH', 'This file is named as a text file, but its content is binary; it cannot be previewed.');
      throw new RenderError('UNSUPPORTED_TYPE', 'Only images, PDF files and text files (txt, md, csv, json, log) can be previewed.');
  }
}
