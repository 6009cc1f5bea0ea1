import { describe, expect, it } from 'vitest';
import {
  MAX_PATH_BYTES,
  aliasSchema,
  anyPathSchema,
  baseName,
  filePathSchema,
  folderPathSchema,
  keyOf,
  pathProblem,
  prefixSchema,
} from '../../../functions/lib/domain/paths.js';

describe('owner paths', () => {
  it.each([
    ['docs/q3/report.pdf', 'file'],
    ['report.pdf', 'file'],
    ['docs/q3/', 'folder'],
    ['Bericht "Q3" ü.pdf', 'file'],
    ['.hidden/.env', 'file'],
    ['a..b/c...d', 'file'],
    ['日本語/ファイル.txt', 'file'],
  ] as const)('accepts %j as a %s path', (path, kind) => {
    expect(pathProblem(path)).toBeUndefined();
    expect(pathProblem(path, kind)).toBeUndefined();
  });

  it.each([
    ['..', /"\." or "\.\."/],
    ['../secret.txt', /"\." or "\.\."/],
    ['docs/../../other-user/file', /"\." or "\.\."/],
    ['docs/..', /"\." or "\.\."/],
    ['docs/../', /"\." or "\.\."/],
    ['./report.pdf', /"\." or "\.\."/],
    ['docs/./report.pdf', /"\." or "\.\."/],
    ['/etc/passwd', /relative/],
    ['/', /relative/],
    ['docs//report.pdf', /empty segments/],
    ['docs//', /empty segments/],
    ['docs\\report.pdf', /"\\"/],
    ['..\\..\\windows', /"\\"/],
    ['docs/re\u0000port.pdf', /control characters/],
    ['docs/line\nbreak.txt', /control characters/],
    ['docs/tab\there.txt', /control characters/],
    ['docs/del\u007f.txt', /control characters/],
    ['docs/c1\u0085.txt', /control characters/],
    ['', /empty/],
    [' leading-space.txt', /spaces/],
    ['docs/trailing-space /a.txt', /spaces/],
  ])('refuses %j', (path, reason) => {
    expect(pathProblem(path)).toMatch(reason);
    expect(anyPathSchema.safeParse(path).success).toBe(false);
  });

  it(`refuses paths longer than ${MAX_PATH_BYTES} bytes, counting UTF-8 bytes`, () => {
    const segment = 'a'.repeat(200);
    const fits = [segment, segment, segment, segment, 'a'.repeat(MAX_PATH_BYTES - 4 * 201)].join('/');
    expect(Buffer.byteLength(fits)).toBe(MAX_PATH_BYTES);
    expect(pathProblem(fits)).toBeUndefined();
    expect(pathProblem(`${fits}a`)).toMatch(/at most 900 bytes/);
    // 451 characters, 900 bytes: 'ü' takes two bytes in UTF-8.
    const umlauts = `${'ü'.repeat(255)}/${'ü'.repeat(194)}a`;
    expect(Buffer.byteLength(umlauts)).toBe(MAX_PATH_BYTES);
    expect(pathProblem(umlauts)).toBeUndefined();
    expect(pathProblem(`${umlauts}ü`)).toMatch(/at most 900 bytes/);
  });

  it('refuses a segment longer than 255 characters', () => {
    expect(pathProblem(`docs/${'x'.repeat(255)}`)).toBeUndefined();
    expect(pathProblem(`docs/${'x'.repeat(256)}`)).toMatch(/255/);
  });

  it('tells files from folders by the trailing slash', () => {
    expect(pathProblem('docs/q3/', 'file')).toMatch(/file path/);
    expect(pathProblem('docs/q3', 'folder')).toMatch(/folder path/);
    expect(filePathSchema.safeParse('docs/a.pdf').success).toBe(true);
    expect(filePathSchema.safeParse('docs/').success).toBe(false);
    expect(folderPathSchema.safeParse('docs/').success).toBe(true);
    expect(folderPathSchema.safeParse('docs').success).toBe(false);
  });

  it('lists the root with an empty prefix, and folders with a folder path only', () => {
    expect(prefixSchema.safeParse('').success).toBe(true);
    expect(prefixSchema.safeParse('docs/q3/').success).toBe(true);
    expect(prefixSchema.safeParse('docs/q3').success).toBe(false);
    expect(prefixSchema.safeParse('../').success).toBe(false);
    expect(prefixSchema.safeParse('/').success).toBe(false);
  });

  it('names a path by its last segment', () => {
    expect(baseName('docs/q3/report.pdf')).toBe('report.pdf');
    expect(baseName('docs/q3/')).toBe('q3');
    expect(baseName('report.pdf')).toBe('report.pdf');
  });
});

describe('keyOf', () => {
  it('puts an owner path under users/<sub>/', () => {
    expect(keyOf('sub-123', 'docs/q3/report.pdf')).toBe('users/sub-123/docs/q3/report.pdf');
    expect(keyOf('sub-123', 'docs/q3/')).toBe('users/sub-123/docs/q3/');
    expect(keyOf('sub-123', '')).toBe('users/sub-123/');
  });
});

describe('aliases', () => {
  it.each(['report.pdf', 'Bericht "Q3" ü.pdf', 'a', '...', 'x'.repeat(255), 'Ünïcödé name (1).txt'])('accepts %j', (alias) => {
    expect(aliasSchema.safeParse(alias).success).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(256), 'too long'],
    ['a/b', 'a slash'],
    ['../../etc/passwd', 'a path'],
    ['a\\b', 'a backslash'],
    ['line\nbreak', 'a newline'],
    ['nul\u0000', 'a NUL'],
    ['\r\nSet-Cookie: x=1', 'a header injection'],
    [' padded', 'a leading space'],
    ['padded ', 'a trailing space'],
    ['.', '"."'],
    ['..', '".."'],
  ])('refuses %j (%s)', (alias) => {
    expect(aliasSchema.safeParse(alias).success).toBe(false);
  });
});
