import * as z from 'zod/mini';
import { AppError } from '../lib/errors.js';
import { deviceIdSchema, publicParamsSchema, shareIdOrNotFound } from '../lib/domain/recipient/access.js';
import { deny } from '../lib/domain/recipient/log.js';
import { assertOpen, publicView } from '../lib/domain/share.js';
import { deviceHash } from '../lib/domain/tokens.js';
import { defineRoute } from '../lib/http/handler.js';
import { clock, recipientDeps, shareRepository } from '../lib/wiring.js';

/**
 * What anyone holding the link may see before unlocking it. With `?deviceId=` (the browser's own
 * id, as `…/access` takes it), a link bound to another device says so at once (403 DEVICE_BOUND),
 * before anyone types a password; the refusal is in the owner's access log as an unlock's would be.
 */
export const handler = defineRoute(
  'public-share-get',
  { params: publicParamsSchema, query: z.strictObject({ deviceId: z.optional(deviceIdSchema) }) },
  async ({ params, query, sourceIp, userAgent }) => {
    const share = assertOpen(await shareRepository().get(shareIdOrNotFound(params.id)), clock());
    if (
      query.deviceId !== undefined &&
      share.deviceBinding &&
      share.boundDevice !== null &&
      share.boundDevice !== deviceHash(query.deviceId)
    ) {
      return deny(
        await recipientDeps(),
        share,
        { sourceIp, userAgent },
        new AppError('DEVICE_BOUND', 'This link is bound to another device.'),
      );
    }
    return { body: publicView(share) };
  },
);
