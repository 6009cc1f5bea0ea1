import { describe, expect, it } from 'vitest';
import { numberedName, uploaderNameSchema, uploadNameSchema, uploadPath } from '../../../../functions/lib/domain/requests/names.js';
import { requestAccessSchema } from '../../../../functions/lib/domain/requests/visit.js';
import { createRequestSchema } from '../../../../functions/lib/domain/requests/owner.js';
import { requestUploadSchema } from '../../../../functions/lib/domain/requests/uploads.js';

const problemOf = (
  schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } } },
  value: unknown,
) => schema.safeParse(value).error?.issues[0]?.message;

describe('the naming rule', () => {
  it('keeps the name first, then numbers it before the extension', () => {
    expect(numberedName('report.pdf', 1)).toBe('report.pdf');
    expect(numberedName('report.pdf', 2)).toBe('report (2).pdf');
    expect(numberedName('report.pdf', 17)).toBe('report (17).pdf');
  });

  it('numbers the last dot only, a name without an extension at its end, and a leading-dot name whole', () => {
    expect(numberedName('archive.tar.gz', 2)).toBe('archive.tar (2).gz');
    expect(numberedName('README', 3)).toBe('README (3)');
    expect(numberedName('.env', 2)).toBe('.env (2)');
  });

  it('numbers the file, not the folders a dropped folder brings along', () => {
    expect(numberedName('photos/2026.03/beach.jpg', 2)).toBe('photos/2026.03/beach (2).jpg');
    expect(numberedName('photos/notes', 2)).toBe('photos/notes (2)');
  });

  it('cuts a long base so the numbered name still fits in one segment, never inside a character', () => {
    const long = `${'é'.repeat(120)}${'😀'.repeat(60)}.txt`;
    const numbered = numberedName(long, 12);
    expect(numbered.length).toBeLessThanOrEqual(255);
    expect(numbered.endsWith(' (12).txt')).toBe(true);
    expect(numbered.isWellFormed()).toBe(true);
    expect(uploadNameSchema.safeParse(numbered).success).toBe(true);
  });

  it('puts files below the request folder and the uploader, refusing a stored path that is too long', () => {
    expect(uploadPath('clients/acme/', 'Ana', 'a.pdf')).toEqual({ path: 'clients/acme/Ana/a.pdf' });
    expect(uploadPath('', 'Ana', 'sub/a.pdf')).toEqual({ path: 'Ana/sub/a.pdf' });
    expect(uploadPath('f/', 'Ana', `${'x/'.repeat(500)}a`)).toHaveProperty('problem');
  });
});

describe('uploader names', () => {
  it('are trimmed and NFC-normalised', () => {
    expect(uploaderNameSchema.parse('  Ame\u0301lie Poulain ')).toBe('Amélie Poulain');
  });

  it.each([
    ['', 'type your name'],
    ['a/b', 'must not contain "/" or "\\"'],
    ['a\\b', 'must not contain "/" or "\\"'],
    ['..', 'must not be "." or ".."'],
    ['.', 'must not be "." or ".."'],
    ['tab\there', 'must not contain control characters'],
    ['line\u0085break', 'must not contain control characters'],
    ['evil\u202egnp.exe', 'must not contain bidirectional control characters'],
    ['isolate\u2066x', 'must not contain bidirectional control characters'],
    ['zero\u200bwidth', 'must not contain zero-width characters'],
    ['x'.repeat(101), 'must be at most 100 characters'],
  ])('refuses %j (%s)', (name, message) => {
    expect(problemOf(uploaderNameSchema, name)).toBe(message);
  });

  it('are required to unlock, with an optional email', () => {
    const base = { deviceId: 'device-aaaaaaaaaaaa' };
    expect(requestAccessSchema.safeParse({ ...base }).success).toBe(false);
    expect(requestAccessSchema.safeParse({ ...base, name: 'Ana', email: 'not-an-email' }).success).toBe(false);
    expect(requestAccessSchema.parse({ ...base, name: 'Ana', email: 'ana@example.com', password: 'x' })).toMatchObject({
      name: 'Ana',
      email: 'ana@example.com',
    });
  });
});

describe('file names sent by uploaders', () => {
  it('may carry sub-folders below the uploader, NFC-normalised', () => {
    expect(requestUploadSchema.parse({ name: 'photos/Cafe\u0301.jpg', size: 3 })).toEqual({
      name: 'photos/Café.jpg',
      size: 3,
      contentType: 'application/octet-stream',
    });
  });

  it.each([
    ['../escape.txt', 'must not contain "." or ".." (it would leave your folder)'],
    ['a/../../b.txt', 'must not contain "." or ".." (it would leave your folder)'],
    ['/etc/passwd', 'must be a name, not an absolute path'],
    ['a\\b.txt', 'must not contain "\\"'],
    ['a//b.txt', 'must not be empty'],
    ['folder/', 'must not be empty'],
    ['bad\u0000name', 'must not contain control characters'],
    ['rtl\u202etxt.exe', 'must not contain bidirectional control characters'],
    [`${'d/'.repeat(32)}f`, 'must be at most 32 folders deep'],
  ])('refuses %j (%s)', (name, message) => {
    expect(problemOf(requestUploadSchema, { name, size: 1 })).toBe(message);
  });

  it('refuses a negative or fractional size and a content type that is not a MIME type', () => {
    expect(requestUploadSchema.safeParse({ name: 'a', size: -1 }).success).toBe(false);
    expect(requestUploadSchema.safeParse({ name: 'a', size: 1.5 }).success).toBe(false);
    expect(requestUploadSchema.safeParse({ name: 'a', size: 1, contentType: 'text/html\r\nx: y' }).success).toBe(false);
  });
});

describe('creating a request', () => {
  it('takes a folder path or the root, a title, and defaults for the password and notification', () => {
    expect(createRequestSchema.parse({ folder: '', title: ' Tax documents ' })).toEqual({
      folder: '',
      title: 'Tax documents',
      password: { mode: 'auto' },
      notifyOnUpload: false,
    });
    expect(createRequestSchema.safeParse({ folder: 'no-slash', title: 'x' }).success).toBe(false);
    expect(createRequestSchema.safeParse({ folder: '../up/', title: 'x' }).success).toBe(false);
    expect(createRequestSchema.safeParse({ folder: '', title: '' }).success).toBe(false);
    expect(createRequestSchema.safeParse({ folder: '', title: 'a\u202eb' }).success).toBe(false);
  });

  it('wants custom passwords of at least 8 characters and positive limits', () => {
    expect(problemOf(createRequestSchema, { folder: '', title: 't', password: { mode: 'custom', value: 'short12' } })).toBe(
      'must be at least 8 characters',
    );
    expect(createRequestSchema.safeParse({ folder: '', title: 't', password: { mode: 'custom', value: 'long-enough' } }).success).toBe(
      true,
    );
    expect(createRequestSchema.safeParse({ folder: '', title: 't', maxFiles: 0 }).success).toBe(false);
    expect(createRequestSchema.safeParse({ folder: '', title: 't', maxBytes: 0 }).success).toBe(false);
    expect(createRequestSchema.safeParse({ folder: '', title: 't', unknown: 1 }).success).toBe(false);
  });
});
