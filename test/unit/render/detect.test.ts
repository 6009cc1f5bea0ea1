import { describe, expect, it } from 'vitest';
import { claimed, decide, looksLikeText, sniff } from '../../../functions/lib/render/detect.js';
import { RenderError } from '../../../functions/lib/render/errors.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const ftyp = (major: string, ...compatible: string[]) => {
  const box = bytes([0, 0, 0, 0], 'ftyp', major, [0, 0, 0, 0], ...compatible);
  box.writeUInt32BE(box.length, 0);
  return Buffer.concat([box, Buffer.alloc(64, 1)]);
};

function refusal(run: () => unknown): RenderError {
  try {
    run();
  } catch (error) {
    if (error instanceof RenderError) return error;
    throw error;
  }
  throw new Error('expected a RenderError');
}

describe('sniff: the real type from the first bytes', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['gif', bytes('GIF89a')],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['tiff', bytes([0x49, 0x49, 0x2a, 0x00])],
    ['avif', ftyp('avif', 'mif1', 'miaf')],
  ])('%s is an image', (format, input) => {
    expect(sniff(input)).toEqual({ kind: 'image', format });
  });

  it('a PDF header, also after some junk as PDF readers allow', () => {
    expect(sniff(bytes('%PDF-1.7\n'))).toEqual({ kind: 'pdf' });
    expect(sniff(bytes('\r\n\r\n%PDF-1.4\n'))).toEqual({ kind: 'pdf' });
  });

  it.each([
    ['mp4', ftyp('isom', 'iso2', 'mp41')],
    ['mp4', ftyp('qt  ')],
    ['mp4', ftyp('M4A ')],
    ['webm', bytes([0x1a, 0x45, 0xdf, 0xa3])],
    ['avi', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST')],
    ['wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['ogg', bytes('OggS')],
    ['flac', bytes('fLaC')],
    ['mp3', bytes('ID3', [4, 0])],
    ['mpeg-audio', bytes([0xff, 0xfb, 0x90, 0x64])],
  ])('%s is video or audio', (format, input) => {
    expect(sniff(input)).toEqual({ kind: 'media', format });
  });

  it('HEIC and ZIP are known kinds we do not render', () => {
    expect(sniff(ftyp('heic', 'mif1'))).toEqual({ kind: 'other', format: 'heic' });
    expect(sniff(bytes('PK', [3, 4, 20, 0]))).toEqual({ kind: 'other', format: 'zip' });
  });

  it('text: UTF-8, Latin-1, UTF-16 with a BOM, ANSI colours; not NUL bytes or control noise', () => {
    expect(looksLikeText(Buffer.from('héllo, wörld\r\n\tline 2\n'))).toBe(true);
    expect(looksLikeText(Buffer.from('caf\xe9\n', 'latin1'))).toBe(true);
    expect(looksLikeText(Buffer.from('\ufeffhi', 'utf16le'))).toBe(true);
    expect(sniff(Buffer.from('\ufeffhi', 'utf16le'))).toEqual({ kind: 'text' });
    expect(looksLikeText(Buffer.from('\x1b[31mERROR\x1b[0m started\n'))).toBe(true);
    expect(looksLikeText(Buffer.from('abc\0def'))).toBe(false);
    expect(looksLikeText(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 ? 0x41 : 0x02))))).toBe(false);
  });

  it('nothing at all is empty', () => {
    expect(sniff(Buffer.alloc(0))).toEqual({ kind: 'empty' });
  });
});

describe('claimed: what the name (or else the content type) says', () => {
  it.each([
    ['photo.JPG', undefined, 'image'],
    ['scan.pdf', undefined, 'pdf'],
    ['notes.md', undefined, 'text'],
    ['data.csv', 'application/octet-stream', 'text'],
    ['clip.mov', undefined, 'media'],
    ['README', 'text/plain; charset=utf-8', 'text'],
    ['blob', 'video/mp4', 'media'],
    ['page.html', 'text/html', 'unknown'],
    ['archive', undefined, 'unknown'],
  ] as const)('%s (%s) claims %s', (name, type, expected) => {
    expect(claimed(name, type)).toBe(expected);
  });
});

describe('decide: what is rendered when name and content disagree', () => {
  const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const pdf = bytes('%PDF-1.7\n1 0 obj\n');

  it('a signature we render wins over the name, and says it was a mismatch', () => {
    expect(decide(png, 'report.pdf')).toEqual({ render: 'image', format: 'png', mismatch: true });
    expect(decide(pdf, 'photo.jpg')).toEqual({ render: 'pdf', mismatch: true });
    expect(decide(png, 'image.png')).toEqual({ render: 'image', format: 'png', mismatch: false });
  });

  it('text named as an image or a PDF is refused (422 MISMATCH), not shown as text', () => {
    for (const name of ['photo.jpg', 'report.pdf']) {
      const error = refusal(() => decide(Buffer.from('just some text\n'), name));
      expect(error).toMatchObject({ code: 'PREVIEW_FAILED', status: 422, reason: 'MISMATCH' });
      expect(error.message).toMatch(/content is text/);
    }
  });

  it('binary named as text is refused (422 MISMATCH); unreadable binary named as an image is CORRUPT', () => {
    expect(refusal(() => decide(Buffer.from([1, 2, 0, 4, 5, 0, 7]), 'notes.txt'))).toMatchObject({ status: 422, reason: 'MISMATCH' });
    expect(refusal(() => decide(Buffer.from([1, 2, 0, 4, 5, 0, 7]), 'photo.jpg'))).toMatchObject({ status: 422, reason: 'CORRUPT' });
  });

  it('video and audio are 415 whatever the name says', () => {
    for (const name of ['clip.mp4', 'notes.txt', 'photo.jpg', 'noext']) {
      expect(refusal(() => decide(ftyp('isom', 'mp41'), name))).toMatchObject({
        code: 'PREVIEW_UNAVAILABLE',
        status: 415,
        reason: 'MEDIA',
      });
    }
    // Named as video but with content we do not recognise: still a video as far as we know.
    expect(refusal(() => decide(Buffer.from([1, 0, 2, 0]), 'movie.mkv'))).toMatchObject({ status: 415, reason: 'MEDIA' });
  });

  it('text of a kind we do not render (HTML, SVG, source code) and unknown binaries are 415', () => {
    expect(refusal(() => decide(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg'))).toMatchObject({
      status: 415,
      reason: 'UNSUPPORTED_TYPE',
    });
    expect(refusal(() => decide(Buffer.from('<html></html>'), 'page.html', 'text/html'))).toMatchObject({
      status: 415,
      reason: 'UNSUPPORTED_TYPE',
    });
    expect(refusal(() => decide(bytes('PK', [3, 4, 20, 0]), 'report.docx'))).toMatchObject({ status: 415, reason: 'UNSUPPORTED_TYPE' });
    expect(refusal(() => decide(ftyp('heic', 'mif1'), 'IMG_0001.HEIC'))).toMatchObject({ status: 415, reason: 'UNSUPPORTED_TYPE' });
  });

  it('a 0-byte file is 422 EMPTY whatever its name', () => {
    for (const name of ['a.txt', 'a.pdf', 'a.png', 'a.mp4']) {
      expect(refusal(() => decide(Buffer.alloc(0), name))).toMatchObject({ code: 'PREVIEW_FAILED', status: 422, reason: 'EMPTY' });
    }
  });

  it('a RenderError serialises to the API error shape', () => {
    const error = refusal(() => decide(Buffer.alloc(0), 'a.txt'));
    expect(JSON.parse(JSON.stringify(error))).toEqual({ error: { code: 'PREVIEW_FAILED', message: error.message } });
  });
});
