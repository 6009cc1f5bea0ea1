import { requestThumbnail } from '../api.js';

/**
 * Thumbnails are asked for as rows come into view, a few at a time, so a folder of hundreds of
 * images does not send hundreds of requests at once (in secure view each may be a render).
 */
const PARALLEL = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

export function thumbnailUrl(shareId: string, token: string, fileId: string): Promise<string> {
  return slot(async () => (await requestThumbnail(shareId, token, fileId)).url);
}
