import type * as z from 'zod/mini';
import type { HandlerName } from '../routes.js';
import { authorize, publicParamsSchema, shareIdOrNotFound, type Recipient, type RecipientDeps } from '../lib/domain/recipient/access.js';
import type { Share } from '../lib/domain/share.js';
import { defineRoute, type NamedRoute } from '../lib/http/handler.js';
import { recipientDeps } from '../lib/wiring.js';

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/**
 * A route for a recipient who has unlocked the share: the bearer access token is checked
 * against the share (re-read on every request) before `fn` runs.
 */
export function unlockedShareRoute<
  N extends HandlerName,
  BS extends z.ZodMiniType | undefined = undefined,
  QS extends z.ZodMiniType | undefined = undefined,
  B = unknown,
>(
  name: N,
  spec: { body?: BS; query?: QS },
  fn: (request: { deps: RecipientDeps; share: Share; who: Recipient; body: Out<BS>; query: Out<QS> }) => Promise<B>,
): NamedRoute<N, { body: B }> {
  return defineRoute(name, { params: publicParamsSchema, ...spec }, async ({ params, body, query, headers, sourceIp, userAgent }) => {
    const deps = await recipientDeps();
    const who = { sourceIp, userAgent };
    const share = await authorize(deps, shareIdOrNotFound(params.id), headers.authorization, who);
    return { body: await fn({ deps, share, who, body: body, query: query }) };
  });
}
