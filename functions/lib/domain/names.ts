import * as z from 'zod/mini';

/**
 * The rules for names people show to other people: aliases, uploaded file names, folder names
 * (and any later feature that names things, such as file-request uploads). A name is kept in
 * Unicode NFC, so "café" typed two ways is one name; invisible format characters (bidi
 * controls, zero-width characters, every other character of category Cf) are refused, because
 * they make a name look like another one (`invoice\u202Efdp.exe` shows as "invoiceexe.pdf");
 * and two names that differ only in case or normal form are the same name.
 */

/** The invisible characters people meet most, by their Unicode names (the refusal names them). */
const CHARACTER_NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

// Category Cf holds every bidi control (U+202A–202E, U+2066–2069), every zero-width character
// (U+200B–200F, U+FEFF) and the other invisible format characters.
const FORMAT_CHARACTER = /\p{Cf}/u;

/** `U+202E RIGHT-TO-LEFT OVERRIDE`: how a refusal names a character. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} ${CHARACTER_NAMES[code] ?? 'INVISIBLE FORMAT CHARACTER'}`;
}

/** The first invisible format character in the text, described, or undefined. */
export function invisibleCharacterIn(text: string): string | undefined {
  const match = FORMAT_CHARACTER.exec(text);
  return match ? describeCharacter(match[0]) : undefined;
}

/** Why a name cannot be shown to others, or undefined if it can. */
export function nameProblem(name: string): string | undefined {
  const character = invisibleCharacterIn(name);
  return character ? `must not contain ${character} (an invisible character that can disguise a name)` : undefined;
}

/** The stored form of a name: NFC. */
export const normalizeName = (name: string): string => name.normalize('NFC');

/** What two names are compared by: NFC, then case folded ("Café.TXT" and "cafe\u0301.txt" are one name). */
export const nameKey = (name: string): string => normalizeName(name).toLowerCase();

/** The first two names of the list that would show as the same name, or undefined. */
export function sameNames(names: readonly string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = nameKey(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) return [earlier, name];
    seen.set(key, name);
  }
  return undefined;
}

/**
 * A schema step for names: refuses invisible characters and hands on the NFC form. Put it
 * after the structural checks of the field (`z.pipe(aliasSchema, shownName)`).
 */
export const shownName = z.pipe(
  z.string().check(
    z.superRefine((value, ctx) => {
      const problem = nameProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    }),
  ),
  z.transform(normalizeName),
);
