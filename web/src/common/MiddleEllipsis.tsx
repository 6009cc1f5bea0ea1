/**
 * Long names shortened in the middle, so the end (and the extension) stays readable:
 * "Quarterly report for the … final v3.pdf". The cut is drawn by CSS (the head shrinks with an
 * ellipsis, the tail never does), so it follows the space there is; the text itself stays
 * whole, so copying it, the title tooltip and a screen reader all get the full name.
 */

/** How much of the end always shows: the extension and a few characters before it. */
const TAIL_BEFORE_EXTENSION = 6;
const MAX_EXTENSION = 12;

/** Where the tail starts: a few characters before the extension, or the last ten characters. */
export function tailStart(name: string): number {
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > 0 && name.length - dot <= MAX_EXTENSION;
  const start = (hasExtension ? dot : name.length - 4) - TAIL_BEFORE_EXTENSION;
  return Math.max(0, Math.min(name.length, start));
}

/** Plain-text form for places without CSS (titles, emails): at most `max` characters, the end kept. */
export function truncateMiddle(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const tailLength = Math.min(chars.length - tailStart(chars.join('')), Math.floor(max / 2));
  const headLength = max - 1 - tailLength;
  return `${chars.slice(0, headLength).join('').trimEnd()}…${chars.slice(chars.length - tailLength).join('')}`;
}

interface MiddleEllipsisProps {
  text: string;
  class?: string;
  testId?: string;
}

/** Names this short are one text node, cut at the end if ever needed: the middle cut only pays for long names. */
const SPLIT_FROM = 40;

export function MiddleEllipsis({ text, class: className, testId }: MiddleEllipsisProps) {
  const cut = tailStart(text);
  if (text.length < SPLIT_FROM || cut === 0) {
    return (
      <span class={`middle-ellipsis-whole ${className ?? ''}`} title={text} data-testid={testId}>
        {text}
      </span>
    );
  }
  return (
    <span class={`middle-ellipsis ${className ?? ''}`} title={text} data-testid={testId}>
      <span class="middle-ellipsis-head">{text.slice(0, cut)}</span>
      <span class="middle-ellipsis-tail">{text.slice(cut)}</span>
    </span>
  );
}
