import { fileStore } from '../adapters/file-store.js';
import { shareRepository } from '../adapters/share-repository.js';
import { signingKey } from '../adapters/signing-key.js';
import type { RecipientDeps } from '../domain/recipient-access.js';

/** The recipient routes' adapters, for this request's clock. */
export async function recipientDeps(): Promise<RecipientDeps> {
  return { shares: shareRepository(), files: fileStore(), signingKey: await signingKey(), nowMs: Date.now() };
}
