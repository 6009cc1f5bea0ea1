/**
 * Text files (txt, md, csv, json, log) as page images: decoded (UTF-8, UTF-16 with a BOM, else
 * Windows-1252), set in a monospaced font at a fixed number of columns, long lines wrapped,
 * cut into pages. Bounded: only the first `textLimits.maxBytes` are read, a line wraps at most
 * `maxRowsPerLine` times and there are at most `maxPages` pages; each cut says so on the page.
 */
import { createCanvas } from '@napi-rs/canvas';
import { encodeWithWatermark, rawPipeline, type OutputFormat } from './encode.js';
import { RenderError } from './errors.js';
import { TEXT_FAMILY, WATERMARK_FAMILY, registerFonts } from './fonts.js';
import { withDeadline } from './image.js';

export const textLimits = {
  maxBytes: 512 * 1024,
  columns: 100,
  maxRowsPerLine: 40,
  maxPages: 100,
};

export interface TextRender {
  bytes: Buffer;
  width: number;
  height: number;
  pageCount: number;
  truncated: boolean;
}

interface Layout {
  width: number;
  height: number;
  margin: number;
  fontSize: number;
  lineHeight: number;
  top: number;
  rowsPerPage: number;
}

export async function renderText(
  bytes: Uint8Array,
  options: { name: string; page: number; maxSide: number; lines: string[]; format: OutputFormat; quality: number; deadline: number },
): Promise<TextRender> {
  registerFonts();
  const layout = pageLayout(options.maxSide);
  const cutBytes = bytes.length > textLimits.maxBytes;
  const { rows, truncated: cutRows } = wrap(
    decode(bytes.subarray(0, textLimits.maxBytes)),
    textLimits.columns,
    layout.rowsPerPage * textLimits.maxPages - 2,
  );
  // Two rows are kept free for the note that says where the preview stops.
  if (cutBytes) rows.push('', `[Preview ends here: it shows the first ${textLimits.maxBytes / 1024} KB of ${formatSize(bytes.length)}.]`);
  else if (cutRows) rows.push(`[Preview ends here: it shows the first ${textLimits.maxPages} pages.]`);
  const pageCount = Math.max(1, Math.ceil(rows.length / layout.rowsPerPage));
  if (options.page > pageCount) {
    throw new RenderError(
      'PAGE_OUT_OF_RANGE',
      `This text has ${pageCount} page${pageCount === 1 ? '' : 's'} in preview; page ${options.page} does not exist.`,
      { pageCount },
    );
  }
  const pageRows = rows.slice((options.page - 1) * layout.rowsPerPage, options.page * layout.rowsPerPage);
  const pixels = drawPage(layout, pageRows, `${options.name} — page ${options.page} of ${pageCount}`);
  const timeoutSeconds = Math.max(1, Math.ceil((options.deadline - Date.now()) / 1000));
  const output = await withDeadline(
    encodeWithWatermark(rawPipeline(pixels, layout.width, layout.height), {
      width: layout.width,
      height: layout.height,
      lines: options.lines,
      format: options.format,
      quality: options.quality,
      timeoutSeconds,
    }),
    options.deadline,
  );
  return { bytes: output, width: layout.width, height: layout.height, pageCount, truncated: cutBytes || cutRows };
}

/** A portrait page (A4 proportions) maxSide high, with `columns` monospaced columns across. */
function pageLayout(maxSide: number): Layout {
  const height = maxSide;
  const width = Math.round(maxSide / Math.SQRT2);
  const margin = Math.round(height * 0.03);
  // DejaVu Sans Mono advances 0.602 em per character.
  const fontSize = Math.max(6, Math.floor((width - 2 * margin) / (textLimits.columns * 0.602)));
  const lineHeight = Math.ceil(fontSize * 1.3);
  const top = margin + lineHeight * 2;
  return {
    width,
    height,
    margin,
    fontSize,
    lineHeight,
    top,
    rowsPerPage: Math.max(1, Math.floor((height - top - margin * 2) / lineHeight)),
  };
}

function drawPage(layout: Layout, rows: string[], header: string): Uint8Array {
  const canvas = createCanvas(layout.width, layout.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, layout.width, layout.height);
  context.textBaseline = 'top';
  context.fillStyle = '#666666';
  context.font = `${Math.round(layout.fontSize * 0.9)}px "${WATERMARK_FAMILY}"`;
  context.fillText(header, layout.margin, layout.margin, layout.width - 2 * layout.margin);
  context.fillStyle = '#111111';
  context.font = `${layout.fontSize}px "${TEXT_FAMILY}"`;
  rows.forEach((row, i) => context.fillText(row, layout.margin, layout.top + i * layout.lineHeight));
  const { data } = context.getImageData(0, 0, layout.width, layout.height);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    // `stream` lets a character cut at the read limit pass; any other invalid byte throws.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes, { stream: true });
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Lines cut into rows of at most `columns` characters, tabs expanded, controls made visible. */
export function wrap(text: string, columns: number, maxRows: number): { rows: string[]; truncated: boolean } {
  const rows: string[] = [];
  const lines = text
    // ANSI colour codes in logs would show as junk.
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    const characters = Array.from(expandTabs(line).replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '\ufffd'));
    const rowsOfLine = Math.max(1, Math.ceil(characters.length / columns));
    const shown = Math.min(rowsOfLine, textLimits.maxRowsPerLine);
    for (let r = 0; r < shown; r++) {
      if (rows.length >= maxRows) return { rows, truncated: true };
      rows.push(characters.slice(r * columns, (r + 1) * columns).join(''));
    }
    if (rowsOfLine > shown) {
      if (rows.length >= maxRows) return { rows, truncated: true };
      rows.push(`[… ${(characters.length - shown * columns).toLocaleString('en-US')} more characters on this line]`);
    }
  }
  return { rows, truncated: false };
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const character of line) out += character === '\t' ? ' '.repeat(4 - (out.length % 4)) : character;
  return out;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
