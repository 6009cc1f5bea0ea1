/**
 * Inputs for the renderer's tests and for bin/bench/render-floor.ts, generated in code so the
 * repository holds no binary fixtures: photos (sharp), PDFs (a small hand-written PDF writer,
 * with the Standard security handler for the encrypted one) and a PNG decompression bomb.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateRawSync, constants as zlibConstants } from 'node:zlib';
import sharp from 'sharp';

/** A photo-like JPEG (gradients and noise, so it compresses like a photo, not like a flat fill). */
export async function makeJpeg(width: number, height: number, quality = 85): Promise<Buffer> {
  return sharp(photoLikeRgb(width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

export async function makePng(width: number, height: number): Promise<Buffer> {
  return sharp(photoLikeRgb(width, height), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** A flat mid-grey image: any pixel that differs in a render is something drawn on top (the watermark). */
export async function makeFlatPng(width: number, height: number, grey = 128): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: grey, g: grey, b: grey } } })
    .png()
    .toBuffer();
}

function photoLikeRgb(width: number, height: number): Buffer {
  const pixels = Buffer.allocUnsafe(width * height * 3);
  let seed = 0x2545f491;
  let offset = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const noise = (seed >>> 24) & 31;
      pixels[offset++] = ((x * 255) / width + noise) & 255;
      pixels[offset++] = ((y * 255) / height + noise) & 255;
      pixels[offset++] = (((x + y) * 127) / (width + height) + 64 + noise) & 255;
    }
  }
  return pixels;
}

/**
 * A valid 8-bit greyscale PNG that declares width x height and whose IDAT really inflates to
 * every row (height x (width + 1) zero bytes: 900 MB for 30,000 x 30,000), yet is about 1 MB:
 * one deflate block of zeros, sync-flushed so copies of it can follow each other.
 */
export function makePngBomb(width = 30_000, height = 30_000): Buffer {
  const total = height * (width + 1);
  const chunkSize = 1 << 20;
  const block = deflateRawSync(Buffer.alloc(chunkSize), { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH });
  const remainder = total % chunkSize;
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  for (let i = 0; i < Math.floor(total / chunkSize); i++) parts.push(block);
  if (remainder) parts.push(deflateRawSync(Buffer.alloc(remainder), { level: 9, finishFlush: zlibConstants.Z_SYNC_FLUSH }));
  parts.push(Buffer.from([0x03, 0x00])); // final, empty fixed-Huffman block
  // Adler-32 of n zero bytes: a = 1, b = n (mod 65521).
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  parts.push(adler);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method, no interlace
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', Buffer.concat(parts)), pngChunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

export interface PdfOptions {
  pages: number;
  /** Page size in points (1/72 inch); US Letter by default. */
  pageSize?: [number, number];
  /** Encrypt with the Standard security handler (revision 2, RC4 40-bit). */
  encrypt?: { userPassword: string; ownerPassword: string };
}

/**
 * A PDF whose page i shows "Page i of n" in large type over coloured bands, set in Helvetica,
 * which is not embedded (so the renderer needs its standard font data, as Lambda has no fonts).
 */
export function makePdf(options: PdfOptions): Buffer {
  const [pageWidth, pageHeight] = options.pageSize ?? [612, 792];
  const n = options.pages;
  const objects: (string | Buffer)[] = [];
  const id = createHash('md5').update(`sharelink-fixture-${n}-${pageWidth}x${pageHeight}`).digest();
  const encryption = options.encrypt ? standardSecurity(options.encrypt.userPassword, options.encrypt.ownerPassword, id) : undefined;
  const pageIds = Array.from({ length: n }, (_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${n} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  const size = Math.min(pageWidth, pageHeight) / 8;
  for (let i = 0; i < n; i++) {
    const pageId = pageIds[i]!;
    const contentId = pageId + 1;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    const content = Buffer.from(
      [
        `0.85 0.9 1 rg 0 0 ${pageWidth} ${pageHeight / 3} re f`,
        `1 0.9 0.8 rg 0 ${(2 * pageHeight) / 3} ${pageWidth} ${pageHeight / 3} re f`,
        `0 0 0 rg BT /F1 ${size.toFixed(1)} Tf ${(pageWidth / 10).toFixed(1)} ${(pageHeight / 2).toFixed(1)} Td (Page ${i + 1} of ${n}) Tj ET`,
        `BT /F1 ${(size / 4).toFixed(1)} Tf ${(pageWidth / 10).toFixed(1)} ${(pageHeight / 2 - size).toFixed(1)} Td (The quick brown fox jumps over the lazy dog.) Tj ET`,
      ].join('\n'),
      'latin1',
    );
    const body = encryption ? rc4(encryption.objectKey(contentId), content) : content;
    objects[contentId] = Buffer.concat([
      Buffer.from(`<< /Length ${body.length} >>\nstream\n`, 'latin1'),
      body,
      Buffer.from('\nendstream', 'latin1'),
    ]);
  }
  let encryptRef = '';
  if (encryption) {
    const encryptId = objects.length;
    objects[encryptId] =
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${encryption.o.toString('hex')}> /U <${encryption.u.toString('hex')}> /P ${encryption.p} >>`;
    encryptRef = ` /Encrypt ${encryptId} 0 R`;
  }
  return writePdf(objects, `/Root 1 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]${encryptRef}`);
}

function writePdf(objects: (string | Buffer)[], trailer: string): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = length;
    const body = objects[i]!;
    const part = Buffer.concat([
      Buffer.from(`${i} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(part);
    length += part.length;
  }
  const xref = [
    `xref\n0 ${objects.length}\n`,
    '0000000000 65535 f \n',
    ...offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const PASSWORD_PADDING = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** PDF 1.7 (ISO 32000-1) 7.6.3, algorithms 2, 3 and 4: the Standard security handler, revision 2. */
function standardSecurity(userPassword: string, ownerPassword: string, id: Buffer) {
  const pad = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PADDING]).subarray(0, 32);
  const p = -44; // print and copy not allowed; the value only has to be a 32-bit signed integer
  const o = rc4(createHash('md5').update(pad(ownerPassword)).digest().subarray(0, 5), pad(userPassword));
  const pBytes = Buffer.alloc(4);
  pBytes.writeInt32LE(p);
  const fileKey = createHash('md5')
    .update(Buffer.concat([pad(userPassword), o, pBytes, id]))
    .digest()
    .subarray(0, 5);
  const u = rc4(fileKey, PASSWORD_PADDING);
  const objectKey = (objectNumber: number) => {
    const salt = Buffer.from([objectNumber & 255, (objectNumber >> 8) & 255, (objectNumber >> 16) & 255, 0, 0]);
    return createHash('md5')
      .update(Buffer.concat([fileKey, salt]))
      .digest()
      .subarray(0, 10);
  };
  return { o, u, p, objectKey };
}

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}
