/**
 * The watermark: the recipient's lines (who and when) tiled diagonally over the whole image,
 * so no crop removes them, plus a band along the bottom edge that states them plainly. Drawn
 * with @napi-rs/canvas and a bundled font (no fontconfig), as a transparent RGBA overlay that
 * the encoder composites onto the render.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { WATERMARK_FAMILY, registerFonts } from './fonts.js';

export function watermarkOverlay(width: number, height: number, lines: string[]): Buffer {
  registerFonts();
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  drawTiles(context, width, height, lines);
  drawBand(context, width, height, lines);
  const { data } = context.getImageData(0, 0, width, height);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function drawTiles(context: SKRSContext2D, width: number, height: number, lines: string[]) {
  const size = Math.max(10, Math.round(Math.max(width, height) / 48));
  context.save();
  context.font = `${size}px "${WATERMARK_FAMILY}"`;
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = Math.max(1, size / 10);
  // Light text with a dark outline reads on white paper and on dark photos alike.
  context.fillStyle = 'rgba(255, 255, 255, 0.38)';
  context.strokeStyle = 'rgba(0, 0, 0, 0.30)';
  context.translate(width / 2, height / 2);
  context.rotate(-Math.PI / 7);
  const textWidth = Math.max(...lines.map((line) => context.measureText(line).width));
  const stepX = textWidth + size * 3;
  const stepY = size * (lines.length * 1.3 + 2.2);
  const reach = Math.hypot(width, height) / 2 + stepX;
  for (let row = 0, y = -reach; y <= reach; row++, y += stepY) {
    // Every other row is shifted by half a tile, a brick pattern with no straight gap to crop along.
    for (let x = -reach - (row % 2) * (stepX / 2); x <= reach; x += stepX) {
      lines.forEach((line, i) => {
        const lineY = y + i * size * 1.3;
        context.strokeText(line, x, lineY);
        context.fillText(line, x, lineY);
      });
    }
  }
  context.restore();
}

function drawBand(context: SKRSContext2D, width: number, height: number, lines: string[]) {
  const text = lines.join('  ·  ');
  let size = Math.max(9, Math.round(Math.min(height / 30, width / 40)));
  context.save();
  context.font = `${size}px "${WATERMARK_FAMILY}"`;
  const measured = context.measureText(text).width;
  const room = width - size * 2;
  // Long lines (an email and a time on a narrow image) shrink rather than run off the edge.
  if (measured > room && room > 0) {
    size = Math.max(6, Math.floor((size * room) / measured));
    context.font = `${size}px "${WATERMARK_FAMILY}"`;
  }
  const bandHeight = Math.round(size * 1.8);
  context.fillStyle = 'rgba(0, 0, 0, 0.55)';
  context.fillRect(0, height - bandHeight, width, bandHeight);
  context.fillStyle = 'rgba(255, 255, 255, 0.95)';
  context.textBaseline = 'middle';
  context.textAlign = 'center';
  context.fillText(text, width / 2, height - bandHeight / 2);
  context.restore();
}
