import type { PreviewCache, RenderJob, RenderOutcome, Renderer, Transfer, TransferStore } from '../../functions/lib/domain/ports.js';
import type { MemoryShareRepository } from './memory-adapters.js';

/**
 * In-memory transfers, render cache and renderer for the recipient domain's tests. Like the
 * other fakes, each method's check-and-write runs without an `await` in between, so it is
 * atomic the way the DynamoDB transaction is.
 */
export class MemoryTransferStore implements TransferStore {
  readonly transfers = new Map<string, Transfer>();
  constructor(private readonly shares: MemoryShareRepository) {}

  async createCounted(transfer: Transfer): Promise<boolean> {
    const share = this.shares.shares.get(transfer.shareId);
    if (!share || (share.maxDownloads !== null && share.downloadCount >= share.maxDownloads)) return false;
    share.downloadCount += 1;
    this.transfers.set(`${transfer.shareId}|${transfer.id}`, structuredClone(transfer));
    return true;
  }

  async get(shareId: string, transferId: string): Promise<Transfer | undefined> {
    const transfer = this.transfers.get(`${shareId}|${transferId}`);
    return transfer ? structuredClone(transfer) : undefined;
  }
}

/** Renders by key, as the bucket's previews/ prefix holds them; the renderer fake writes here. */
export class MemoryPreviewCache implements PreviewCache {
  readonly renders = new Map<string, number>();
  readonly presigned: { key: string; disposition: string; contentType: string }[] = [];

  async find(key: string) {
    const pageCount = this.renders.get(key);
    return pageCount === undefined ? undefined : { pageCount };
  }

  async presign(key: string, disposition: string, contentType: string) {
    this.presigned.push({ key, disposition, contentType });
    return { url: `https://files.invalid/${encodeURI(key)}`, expiresAt: '2026-03-01T12:05:00.000Z' };
  }
}

/** Answers every job with `outcome` (a page count of 3 by default) and stores what it "rendered". */
export class FakeRenderer implements Renderer {
  readonly jobs: RenderJob[] = [];
  outcome: RenderOutcome = { ok: true, pageCount: 3 };
  constructor(private readonly cache: MemoryPreviewCache) {}

  async render(job: RenderJob): Promise<RenderOutcome> {
    this.jobs.push(job);
    if (this.outcome.ok) this.cache.renders.set(job.targetKey, this.outcome.pageCount);
    return this.outcome;
  }
}
