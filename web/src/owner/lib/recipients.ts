/** Close to what the API accepts; the API has the last word and says which address it refused. */
const emailPattern = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/;

export const MAX_RECIPIENTS = 50;

/** Splits typed or pasted text into new valid addresses and the pieces that are not addresses. */
export function parseAddresses(text: string, existing: string[]): { added: string[]; invalid: string[] } {
  const known = new Set(existing.map((address) => address.toLowerCase()));
  const added: string[] = [];
  const invalid: string[] = [];
  for (const piece of text.split(/[\s,;]+/)) {
    // "Ann <ann@example.com>" as mail programs copy it.
    const address = piece.replace(/^<|>$/g, '').trim();
    if (!address) continue;
    if (!emailPattern.test(address)) invalid.push(piece);
    else if (!known.has(address.toLowerCase())) {
      known.add(address.toLowerCase());
      added.push(address);
    }
  }
  return { added, invalid };
}
