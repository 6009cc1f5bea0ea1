/**
 * What the bundles take from `node:http`, loaded with require() (infra/bundling.ts aliases
 * `node:http` here): an ESM import of `node:http` makes Node read all its exports, and
 * reading `WebSocket` and its kin loads undici, about 40 ms of every cold start.
 * The AWS SDK's own lazy `import('node:http')` (plain-HTTP endpoints only) gets the default export.
 */
import type * as Http from 'node:http';
import { createRequire } from 'node:module';

const http = createRequire(import.meta.url)('node:http') as typeof Http;

export const STATUS_CODES = http.STATUS_CODES;
export default http;
