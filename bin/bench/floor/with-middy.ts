/** The floor plus the functions' middy chain (header and event normalisers, JSON body parser, security headers). */
import middy from '@middy/core';
import httpEventNormalizer from '@middy/http-event-normalizer';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import { floorHandler } from './recipient-sdk.js';

export const handler = middy(floorHandler)
  .use(httpHeaderNormalizer())
  .use(httpEventNormalizer())
  .use(httpJsonBodyParser({ disableContentTypeError: true }))
  .use(httpSecurityHeaders());
