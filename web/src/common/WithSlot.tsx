import type { ComponentChildren } from 'preact';

/** A translated sentence with one `{slot}` shown as an element (a name in bold), wherever the language puts it. */
export function WithSlot({ text, slot, children }: { text: string; slot: string; children: ComponentChildren }) {
  const [before, after = ''] = text.split(`{${slot}}`);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
}
