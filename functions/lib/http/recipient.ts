import type { z } from 'zod';
import { fileStore } from '../adapters/file-store.js';
import { shareRepository } from '../adapters/share-repository.js';
import { signingKey } from '../adapters/signing-key.js';
import { authorize, publicParamsSchema, shareIdOrNotFound, type Recipient, type RecipientDeps } from '../domain/recipient-access.js';
import type { Share } from '../domain/share.js';
import { httpRoute, type HttpResponse } from './handler.js';

/** The recipient routes' adapters, for this request's clock. */
export async function recipientDeps(): Promise<RecipientDeps> {
  return { shares: shareRepository(), files: fileStore(), signingKey: await signingKey(), nowMs: Date.now() };
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A route for a recipient who has unlocked the share: the bearer access token is checked
 * against the share (re-read on every request) before `fn` runs.
 */
export function unlockedShareRoute<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  spec: { body?: BS; query?: QS },
  fn: (request: { deps: RecipientDeps; share: Share; who: Recipient; body: Out<BS>; query: Out<QS> }) => Promise<HttpResponse['body']>,
) {
  return httpRoute({ auth: 'public', params: publicParamsSchema, ...spec }, async ({ params, body, query, headers, sourceIp, userAgent }) => {
    const deps = await recipientDeps();
    const who = { sourceIp, userAgent };
    const share = await authorize(deps, shareIdOrNotFound(params.id), headers.authorization, who);
    return { body: await fn({ deps, share, who, body: body as Out<BS>, query: query as Out<QS> }) };
  });
}
