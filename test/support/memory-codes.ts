import type { PendingCode, RecipientCodes } from '../../functions/lib/domain/ports.js';

/** Partners' pending codes with the rules of DynamoRecipientCodes: one per partner, consumed once while unexpired. */
export class MemoryRecipientCodes implements RecipientCodes {
  readonly codes = new Map<string, PendingCode & { used?: true }>();

  async put(shareId: string, partner: string, pending: PendingCode): Promise<void> {
    this.codes.set(`${shareId}|${partner}`, { ...pending });
  }

  async get(shareId: string, partner: string): Promise<PendingCode | undefined> {
    const stored = this.codes.get(`${shareId}|${partner}`);
    return stored && !stored.used ? { codeHash: stored.codeHash, expiresAt: stored.expiresAt } : undefined;
  }

  async consume(shareId: string, partner: string, codeHash: string, nowEpoch: number): Promise<boolean> {
    const stored = this.codes.get(`${shareId}|${partner}`);
    if (!stored || stored.used || stored.codeHash !== codeHash || stored.expiresAt <= nowEpoch) return false;
    stored.used = true;
    return true;
  }
}
