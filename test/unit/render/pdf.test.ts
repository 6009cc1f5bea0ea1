import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderError, closeRenderer, renderLimits, renderPreview } from '../../../functions/lib/render/index.js';
import { makePdf, makePng } from './fixtures.js';
import { WATERMARK, meanAbsoluteDifference, pixelsOf, refused, shareDifferentFrom } from './support.js';

afterAll(() => closeRenderer());

const threePages = makePdf({ pages: 3 });
/** 30 million "draw a line" operators: pdf.js stays busy for a long time. */
const operatorFlood = makePdfWithContent(flood(30_000_000, '1 1 m 9 9 l S\n'));
/** One array of 30 million numbers: pdf.js's parser holds it all in its heap. */
const arrayFlood = makePdfWithContent(flood(30_000_000, '1 ', 'BT [ '));

// Several tests start a PDF process (Node and pdf.js), which takes seconds on a loaded machine.
const startsProcesses = { timeout: 30_000 };

describe('PDF pages become watermarked images', startsProcesses, () => {
  it('page 2 of 3: a 1582 x 2048 WebP (US Letter at 2048 px high) with pageCount 3', async () => {
    const out = await renderPreview({ bytes: threePages, name: 'report.pdf', page: 2, watermark: WATERMARK });
    expect(out).toMatchObject({ contentType: 'image/webp', height: 2048, page: 2, pageCount: 3, source: { kind: 'pdf', mismatch: false } });
    expect(out.width).toBeGreaterThanOrEqual(1582);
    expect(out.width).toBeLessThanOrEqual(1583);
    const pixels = await pixelsOf(out.bytes);
    expect(pixels.format).toBe('webp');
    // "Page 2 of 3" is set in black Helvetica (from pdf.js's standard font data, no system font)
    // across the middle band of the page, which is otherwise white.
    const middle = { x: 0, y: Math.round(2048 * 0.4), width: pixels.width, height: Math.round(2048 * 0.1) };
    expect(shareDifferentFrom(pixels, 0, 60, middle)).toBeGreaterThan(0.05);
  });

  it('each page is its own render', async () => {
    const first = await pixelsOf((await renderPreview({ bytes: threePages, name: 'report.pdf', page: 1, watermark: WATERMARK })).bytes);
    const third = await pixelsOf((await renderPreview({ bytes: threePages, name: 'report.pdf', page: 3, watermark: WATERMARK })).bytes);
    expect(meanAbsoluteDifference(first, third)).toBeGreaterThan(0.05);
  });

  it('renders requests that arrive together one after the other in the one PDF process', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) => renderPreview({ bytes: threePages, name: 'report.pdf', page, watermark: WATERMARK })),
    );
    expect(pages.map((out) => [out.page, out.pageCount])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('a page out of range is 400 PREVIEW_PAGE_OUT_OF_RANGE with the page count', async () => {
    const error = await refused(
      renderPreview({ bytes: threePages, name: 'report.pdf', page: 4, watermark: WATERMARK }),
      'PAGE_OUT_OF_RANGE',
    );
    expect(error).toMatchObject({ code: 'PREVIEW_PAGE_OUT_OF_RANGE', status: 400, pageCount: 3 });
    expect(error.message).toBe('This PDF has 3 pages; page 4 does not exist.');
  });

  it('a 200-inch page is drawn at 2048 px, not at its own size', async () => {
    const out = await renderPreview({ bytes: makePdf({ pages: 1, pageSize: [14_400, 7_200] }), name: 'poster.pdf', watermark: WATERMARK });
    expect(out).toMatchObject({ width: 2048, height: 1024 });
  });

  it('a PDF named .png is rendered as the PDF it is; a PNG named .pdf as the image', async () => {
    expect(await renderPreview({ bytes: threePages, name: 'photo.png', watermark: WATERMARK })).toMatchObject({
      pageCount: 3,
      source: { kind: 'pdf', mismatch: true },
    });
    expect(await renderPreview({ bytes: await makePng(300, 200), name: 'report.pdf', watermark: WATERMARK })).toMatchObject({
      source: { kind: 'image', format: 'png', mismatch: true },
    });
  });

  it('a PDF with only an owner password (no password to open) is rendered, as every reader opens it', async () => {
    const restricted = makePdf({ pages: 2, encrypt: { userPassword: '', ownerPassword: 'owner-secret' } });
    expect(await renderPreview({ bytes: restricted, name: 'restricted.pdf', watermark: WATERMARK })).toMatchObject({ pageCount: 2 });
  });
});

describe('PDFs that are refused', startsProcesses, () => {
  it('a PDF that needs a password to open is 422 ENCRYPTED', async () => {
    const locked = makePdf({ pages: 2, encrypt: { userPassword: 'open-sesame', ownerPassword: 'owner-secret' } });
    const error = await refused(renderPreview({ bytes: locked, name: 'locked.pdf', watermark: WATERMARK }), 'ENCRYPTED');
    expect(error).toMatchObject({
      code: 'PREVIEW_FAILED',
      status: 422,
      message: 'This PDF is protected by a password, so it cannot be previewed.',
    });
  });

  it('a PDF header followed by garbage is 422 CORRUPT', async () => {
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8192, 0x41)]);
    const error = await refused(renderPreview({ bytes: garbage, name: 'broken.pdf', watermark: WATERMARK }), 'CORRUPT');
    expect(error).toMatchObject({ code: 'PREVIEW_FAILED', status: 422 });
  });

  it('past the deadline the PDF process is killed (TIMED_OUT), and the next render gets a fresh one', async () => {
    await refused(renderPreview({ bytes: threePages, name: 'report.pdf', watermark: WATERMARK, deadlineMs: 1 }), 'TIMED_OUT');
    expect(await renderPreview({ bytes: threePages, name: 'report.pdf', watermark: WATERMARK })).toMatchObject({ pageCount: 3 });
  });

  it(
    'a page of 30 million drawing operators (300 KB compressed) is stopped by the deadline while pdf.js is busy',
    { timeout: 30_000 },
    async () => {
      await refused(renderPreview({ bytes: operatorFlood, name: 'flood.pdf', watermark: WATERMARK, deadlineMs: 1_000 }), 'TIMED_OUT');
      expect(await renderPreview({ bytes: threePages, name: 'report.pdf', page: 3, watermark: WATERMARK })).toMatchObject({ page: 3 });
    },
  );

  it(
    'a page holding an array of 30 million numbers exhausts the PDF process heap (422 TOO_LARGE); this process lives on and the next render works',
    { timeout: 90_000 },
    async () => {
      const heapMb = renderLimits.pdf.heapMb;
      renderLimits.pdf.heapMb = 48; // read when a PDF process starts
      try {
        await closeRenderer();
        // The small heap is enough for an ordinary PDF: it is the array that exhausts it.
        expect(await renderPreview({ bytes: threePages, name: 'report.pdf', watermark: WATERMARK })).toMatchObject({ pageCount: 3 });
        const error = await refused(
          renderPreview({ bytes: arrayFlood, name: 'array.pdf', watermark: WATERMARK, deadlineMs: 45_000 }),
          'TOO_LARGE',
        );
        expect(error).toMatchObject({ code: 'PREVIEW_FAILED', status: 422 });
        // V8 aborts the process at its heap limit: the PDF process, not this one (which runs this test).
        expect(String((error.cause as Error | undefined)?.message)).toMatch(/ended by SIG(ABRT|KILL)/);
        expect(await renderPreview({ bytes: threePages, name: 'report.pdf', page: 2, watermark: WATERMARK })).toMatchObject({
          page: 2,
          pageCount: 3,
        });
      } finally {
        renderLimits.pdf.heapMb = heapMb;
      }
    },
  );

  it("a PDF process that cannot start is an internal error (not the document's fault), and the next render starts one", async () => {
    const startupMs = renderLimits.pdf.startupMs;
    renderLimits.pdf.startupMs = 1; // read when a PDF process starts: none loads pdf.js that fast
    try {
      await closeRenderer();
      const error = await renderPreview({ bytes: threePages, name: 'report.pdf', watermark: WATERMARK }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(RenderError);
      expect((error as Error).message).toBe('The PDF process could not start');
    } finally {
      renderLimits.pdf.startupMs = startupMs;
    }
    expect(await renderPreview({ bytes: threePages, name: 'report.pdf', watermark: WATERMARK })).toMatchObject({ pageCount: 3 });
  });
});

/**
 * A FlateDecode content stream: `prefix`, then `count` copies of `item`, built from one
 * repeated deflate block so that a stream of hundreds of megabytes is a few hundred kilobytes.
 */
function flood(count: number, item: string, prefix = ''): Buffer {
  const perBlock = 65_536;
  const block = deflateRawSync(Buffer.from(item.repeat(perBlock)), { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const parts: Buffer[] = [Buffer.from([0x78, 0xda]), deflateRawSync(Buffer.from(prefix), { finishFlush: zlibConstants.Z_SYNC_FLUSH })];
  for (let i = 0; i < Math.ceil(count / perBlock); i++) parts.push(block);
  // Final empty block; the Adler-32 is left as zeros, as in a tampered file (pdf.js does not check it).
  parts.push(Buffer.from([0x03, 0x00, 0, 0, 0, 0]));
  return Buffer.concat(parts);
}

function makePdfWithContent(content: Buffer): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
  ].map((body) => Buffer.from(body));
  objects.push(
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
  );
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  const xref = `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}
