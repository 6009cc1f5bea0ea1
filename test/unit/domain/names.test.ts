import { describe, expect, it } from 'vitest';
import { describeCharacter, nameKey, nameProblem, sameNames } from '../../../functions/lib/domain/names.js';
import { newFilePathSchema, newFolderPathSchema, shareAliasSchema } from '../../../functions/lib/domain/paths.js';
import { createFolderSchema } from '../../../functions/lib/domain/files/browse.js';
import { uploadSchema } from '../../../functions/lib/domain/files/uploads.js';

const issuesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.message).join('; ');

describe('names people show to others', () => {
  it.each([
    ['\u202a', 'U+202A LEFT-TO-RIGHT EMBEDDING'],
    ['\u202b', 'U+202B RIGHT-TO-LEFT EMBEDDING'],
    ['\u202c', 'U+202C POP DIRECTIONAL FORMATTING'],
    ['\u202d', 'U+202D LEFT-TO-RIGHT OVERRIDE'],
    ['\u202e', 'U+202E RIGHT-TO-LEFT OVERRIDE'],
    ['\u2066', 'U+2066 LEFT-TO-RIGHT ISOLATE'],
    ['\u2067', 'U+2067 RIGHT-TO-LEFT ISOLATE'],
    ['\u2068', 'U+2068 FIRST STRONG ISOLATE'],
    ['\u2069', 'U+2069 POP DIRECTIONAL ISOLATE'],
    ['\u200b', 'U+200B ZERO WIDTH SPACE'],
    ['\u200c', 'U+200C ZERO WIDTH NON-JOINER'],
    ['\u200d', 'U+200D ZERO WIDTH JOINER'],
    ['\u200e', 'U+200E LEFT-TO-RIGHT MARK'],
    ['\u200f', 'U+200F RIGHT-TO-LEFT MARK'],
    ['\ufeff', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
    ['\u2060', 'U+2060 WORD JOINER'],
    ['\u{e0041}', 'U+E0041 INVISIBLE FORMAT CHARACTER'],
  ])('refuse %j, naming it %s', (character, named) => {
    expect(nameProblem(`invoice${character}fdp.exe`)).toBe(`must not contain ${named} (an invisible character that can disguise a name)`);
    expect(describeCharacter(character)).toBe(named);
  });

  it.each(['report.pdf', 'Bericht "Q3" ü.pdf', '日本語.txt', 'שלום.txt', 'مرحبا.pdf', 'emoji 🎉.png', 'a b-c_d (1).txt'])(
    'accept %j (right-to-left scripts and emoji are visible text, not format characters)',
    (name) => expect(nameProblem(name)).toBeUndefined(),
  );

  it('are compared in NFC and ignoring case', () => {
    expect(nameKey('caf\u00e9.TXT')).toBe(nameKey('cafe\u0301.txt'));
    expect(sameNames(['a.txt', 'caf\u00e9.txt', 'CAFE\u0301.txt'])).toEqual(['caf\u00e9.txt', 'CAFE\u0301.txt']);
    expect(sameNames(['a.txt', 'b.txt'])).toBeUndefined();
  });
});

describe('share aliases', () => {
  it('are stored in NFC', () => {
    expect(shareAliasSchema.parse('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('are refused with an invisible character, and the message names it', () => {
    const result = shareAliasSchema.safeParse('invoice\u202efdp.exe');
    expect(result.success).toBe(false);
    expect(issuesOf(result)).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
  });
});

describe('new file and folder names', () => {
  it('are stored in NFC, every segment', () => {
    expect(newFilePathSchema.parse('Re\u0301sume\u0301s/cafe\u0301.txt')).toBe('R\u00e9sum\u00e9s/caf\u00e9.txt');
    expect(newFolderPathSchema.parse('cafe\u0301/')).toBe('caf\u00e9/');
    expect(uploadSchema.parse({ path: 'cafe\u0301.txt', size: 1 }).path).toBe('caf\u00e9.txt');
    expect(createFolderSchema.parse({ path: 'Cafe\u0301' }).path).toBe('Caf\u00e9/');
  });

  it('are refused with an invisible character in any segment, naming it', () => {
    const upload = uploadSchema.safeParse({ path: 'docs/invoice\u202efdp.exe', size: 1 });
    expect(upload.success).toBe(false);
    expect(issuesOf(upload)).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
    const folder = createFolderSchema.safeParse({ path: 'q3\u200b' });
    expect(folder.success).toBe(false);
    expect(issuesOf(folder)).toContain('U+200B ZERO WIDTH SPACE');
    expect(newFilePathSchema.safeParse('a\u2066b/c.txt').success).toBe(false);
  });

  it('still follow the path rules', () => {
    expect(newFilePathSchema.safeParse('../x.txt').success).toBe(false);
    expect(newFilePathSchema.safeParse('docs/').success).toBe(false);
    expect(newFolderPathSchema.safeParse('docs').success).toBe(false);
  });
});
