import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../../functions/lib/domain/disposition.js';

/** RFC 6266 with RFC 8187 ext-value: `type; filename="<quoted-string>"; filename*=UTF-8''<attr-chars and %XX>`. */
const SHAPE =
  /^(attachment|inline); filename="((?:[^"\\\x00-\x1f\x7f]|\\[\x20-\x7e])*)"; filename\*=UTF-8''((?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+)$/;

function parse(header: string) {
  const match = SHAPE.exec(header);
  if (!match) throw new Error(`not a well-formed Content-Disposition: ${JSON.stringify(header)}`);
  return { type: match[1], fallback: match[2]!, exact: decodeURIComponent(match[3]!) };
}

describe('Content-Disposition for downloads', () => {
  it.each([
    'report.pdf',
    'Bericht "Q3" ü.pdf',
    '../../etc/passwd',
    '..\\..\\boot.ini',
    "evil.pdf\"; filename*=UTF-8''owned.exe",
    'line\r\nSet-Cookie: session=stolen',
    'tab\tand\u0000nul',
    'semi;colon,comma.txt',
    "it's (almost) 100% * done.txt",
    '日本語のファイル.pdf',
    'emoji 🎉.png',
    ' spaced out ',
  ])('keeps %j in one well-formed header that names the exact file', (name) => {
    const header = contentDisposition(name);
    expect(header).toMatch(/^[\x20-\x7e]+$/); // one header line, ASCII only: nothing can break out of it
    const parsed = parse(header);
    expect(parsed.type).toBe('attachment');
    expect(parsed.exact).toBe(name);
    expect(parsed.fallback).toMatch(/^[\x20-\x7e]+$/);
    expect(parsed.fallback).not.toMatch(/["\\%;]/);
  });

  it('offers an ASCII fallback close to the name and the UTF-8 name percent-encoded', () => {
    expect(contentDisposition('Bericht "Q3" ü.pdf')).toBe(
      `attachment; filename="Bericht _Q3_ u.pdf"; filename*=UTF-8''Bericht%20%22Q3%22%20%C3%BC.pdf`,
    );
  });

  it('percent-encodes the characters RFC 8187 does not allow bare, including slashes', () => {
    const header = contentDisposition("../../etc/passwd (it's *)");
    expect(header).toContain(`filename*=UTF-8''..%2F..%2Fetc%2Fpasswd%20%28it%27s%20%2A%29`);
  });

  it('never lets a newline or quote end the header or the parameter early', () => {
    const header = contentDisposition('a"\r\nContent-Type: text/html\r\n\r\n<script>');
    expect(header).not.toMatch(/[\r\n]/);
    expect(parse(header).fallback).toBe('a___Content-Type: text_html____<script>');
  });

  it('falls back to "download" when nothing printable is left', () => {
    expect(parse(contentDisposition('\u200b')).fallback).toBe('_');
    expect(parse(contentDisposition('   ')).fallback).toBe('download');
  });

  it('can also ask for inline display', () => {
    expect(parse(contentDisposition('photo.jpg', 'inline')).type).toBe('inline');
  });
});
