import type * as z from 'zod/mini';
import type { HandlerName } from '../routes.js';
import { authorize, publicParamsSchema, shareIdOrNotFound, type Recipient, type RecipientDeps } from '../lib/domain/recipient/access.js';
import type { Share } from '../lib/domain/share.js';
import { defineRoute, type NamedRoute } from '../lib/http/handler.js';
import { recipientDeps } from '../lib/wiring.js';

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/**
 * A route for a recipient who has unlocked the share: the bearer access token is checked
 * against the share (re-read on every request) before `fn` runs. `device` is the hash of the
 * device the token was issued to; `deps` builds the dependency set (the recipient one by default).
 */
export function unlockedShareRoute<
  N extends HandlerName,
  BS extends z.ZodMiniType | undefined = undefined,
  QS extends z.ZodMiniType | undefined = undefined,
  B = unknown,
  PS extends z.ZodMiniType<{ id: string }> = typeof publicParamsSchema,
  D extends RecipientDeps = RecipientDeps,
>(
  name: N,
  spec: { body?: BS; query?: QS; params?: PS; deps?: () => Promise<D> },
  fn: (request: {
    deps: D;
    share: Share;
    who: Recipient;
    device: string;
    body: Out<BS>;
    query: Out<QS>;
    params: z.output<PS>;
  }) => Promise<B>,
  options: { status?: number } = {},
): NamedRoute<N, { status?: number; body: B }> {
  const { deps: makeDeps, params: paramsSchema, ...schemas } = spec;
  return defineRoute(
    name,
    { params: paramsSchema ?? publicParamsSchema, ...schemas },
    async ({ params, body, query, headers, sourceIp, userAgent }) => {
      const deps = (await (makeDeps ?? recipientDeps)()) as D;
      const who = { sourceIp, userAgent };
      const shareParams = params as z.output<PS>;
      const { share, claims } = await authorize(deps, shareIdOrNotFound(shareParams.id), headers.authorization, who);
      // A verified partner is named in the access log, the download alert and the watermark.
      const as = claims.em === undefined ? who : { ...who, email: claims.em };
      const result = await fn({ deps, share, who: as, device: claims.dev, body: body, query: query, params: shareParams });
      return { ...(options.status ? { status: options.status } : {}), body: result };
    },
  );
}
