import { describe, expect, it } from 'vitest';
import { renderPreview } from '../../../functions/lib/render/index.js';
import { decode, textLimits, wrap } from '../../../functions/lib/render/text.js';
import { WATERMARK, meanAbsoluteDifference, pixelsOf, refused, shareDifferentFrom } from './support.js';

describe('text files become page images', () => {
  it('many lines, some very long: wrapped, paginated, each page a 1448 x 2048 WebP', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => (i % 50 === 0 ? `${i}: ${'long '.repeat(300)}` : `${i}: short line`));
    const bytes = Buffer.from(lines.join('\n'));
    const first = await renderPreview({ bytes, name: 'server.log', watermark: WATERMARK });
    expect(first).toMatchObject({
      contentType: 'image/webp',
      width: 1448,
      height: 2048,
      page: 1,
      source: { kind: 'text' },
      truncated: false,
    });
    expect(first.pageCount).toBeGreaterThan(6);
    const last = await renderPreview({ bytes, name: 'server.log', page: first.pageCount, watermark: WATERMARK });
    expect(last.page).toBe(first.pageCount);
    // Text is drawn in dark grey on white: the top-left text area has ink.
    const pixels = await pixelsOf(first.bytes);
    expect(shareDifferentFrom(pixels, 255, 80, { x: 40, y: 150, width: 600, height: 600 })).toBeGreaterThan(0.02);
    expect(meanAbsoluteDifference(pixels, await pixelsOf(last.bytes))).toBeGreaterThan(1);
    await refused(renderPreview({ bytes, name: 'server.log', page: first.pageCount + 1, watermark: WATERMARK }), 'PAGE_OUT_OF_RANGE');
  });

  it('a file past the read limit is cut, says so, and reports truncated', async () => {
    const bytes = Buffer.from('x,y,z\n'.repeat((textLimits.maxBytes / 6) * 2));
    const out = await renderPreview({ bytes, name: 'big.csv', watermark: WATERMARK });
    expect(out.truncated).toBe(true);
    expect(out.pageCount).toBe(textLimits.maxPages);
  });

  it('JSON and Markdown by name, and text by content type when the name has no extension', async () => {
    expect(await renderPreview({ bytes: Buffer.from('{"a": 1}\n'), name: 'data.json', watermark: WATERMARK })).toMatchObject({
      pageCount: 1,
    });
    expect(await renderPreview({ bytes: Buffer.from('# Title\n'), name: 'README.md', watermark: WATERMARK })).toMatchObject({
      pageCount: 1,
    });
    expect(
      await renderPreview({ bytes: Buffer.from('hello\n'), name: 'README', contentType: 'text/plain', watermark: WATERMARK }),
    ).toMatchObject({ pageCount: 1 });
  });

  it('refuses text named as an image, binary named as text, HTML, video, audio and empty files', async () => {
    expect(
      await refused(renderPreview({ bytes: Buffer.from('not a photo\n'), name: 'photo.jpg', watermark: WATERMARK }), 'MISMATCH'),
    ).toMatchObject({ status: 422 });
    expect(
      await refused(
        renderPreview({ bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), name: 'notes.txt', watermark: WATERMARK }),
        'MISMATCH',
      ),
    ).toMatchObject({ status: 422 });
    expect(
      await refused(
        renderPreview({ bytes: Buffer.from('<!doctype html><p>hi'), name: 'page.html', watermark: WATERMARK }),
        'UNSUPPORTED_TYPE',
      ),
    ).toMatchObject({ status: 415 });
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom\0\0\0\0isommp41'), Buffer.alloc(100)]);
    expect(await refused(renderPreview({ bytes: mp4, name: 'clip.mp4', watermark: WATERMARK }), 'MEDIA')).toMatchObject({
      code: 'PREVIEW_UNAVAILABLE',
      status: 415,
    });
    expect(
      await refused(
        renderPreview({ bytes: Buffer.from('ID3\x04\0\0\0\0\0\0', 'latin1'), name: 'song.mp3', watermark: WATERMARK }),
        'MEDIA',
      ),
    ).toMatchObject({ status: 415 });
    expect(await refused(renderPreview({ bytes: Buffer.alloc(0), name: 'empty.txt', watermark: WATERMARK }), 'EMPTY')).toMatchObject({
      code: 'PREVIEW_FAILED',
      status: 422,
    });
  });
});

describe('decoding and wrapping', () => {
  it('decodes UTF-8, UTF-16 with a BOM, and falls back to Windows-1252', () => {
    expect(decode(Buffer.from('Grüße €'))).toBe('Grüße €');
    expect(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße', 'utf16le')]))).toBe('Grüße');
    expect(decode(Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x20, 0x80]))).toBe('Grüße €');
    // A character cut by the read limit is not taken for Windows-1252.
    expect(decode(Buffer.from('Grüße €').subarray(0, 9))).toBe('Grüße ');
  });

  it('wraps at the column count, expands tabs, shows control characters, strips ANSI colours', () => {
    expect(wrap('abcdefghij', 4, 100)).toEqual({ rows: ['abcd', 'efgh', 'ij'], truncated: false });
    expect(wrap('a\tb\r\nc\x07d\n', 10, 100).rows).toEqual(['a   b', 'c\ufffdd']);
    expect(wrap('\x1b[31mred\x1b[0m', 10, 100).rows).toEqual(['red']);
  });

  it('cuts a very long line with a note, and stops at the row budget', () => {
    const { rows } = wrap('y'.repeat(10 * (textLimits.maxRowsPerLine + 5)), 10, 1000);
    expect(rows).toHaveLength(textLimits.maxRowsPerLine + 1);
    expect(rows.at(-1)).toBe('[… 50 more characters on this line]');
    expect(wrap('a\nb\nc\nd', 10, 2)).toEqual({ rows: ['a', 'b'], truncated: true });
  });
});
