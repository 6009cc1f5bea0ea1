import { encode } from 'uqr';

interface QrCodeProps {
  text: string;
  /** Rendered width and height in CSS pixels. */
  size?: number;
  label: string;
  testId?: string;
}

/**
 * A QR code as an SVG built from the module matrix (no innerHTML, nothing for the CSP to
 * object to). Always dark on white, also in dark mode: phone scanners expect that contrast.
 */
export function QrCode({ text, size = 232, label, testId }: QrCodeProps) {
  // Medium error correction survives a smudged screen or a photo of a printout.
  const qr = encode(text, { ecc: 'M', border: 2 });
  const runs: { x: number; y: number; width: number }[] = [];
  qr.data.forEach((row, y) => {
    let start = -1;
    row.forEach((dark, x) => {
      if (dark && start < 0) start = x;
      if ((!dark || x === row.length - 1) && start >= 0) {
        const end = dark ? x + 1 : x;
        runs.push({ x: start, y, width: end - start });
        start = -1;
      }
    });
  });
  return (
    <svg
      class="qr-code"
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={size}
      height={size}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      data-testid={testId}
      data-version={qr.version}
    >
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      {runs.map((run) => (
        <rect key={`${run.x}-${run.y}`} x={run.x} y={run.y} width={run.width} height={1} fill="#000000" />
      ))}
    </svg>
  );
}
