/**
 * What the bundles take from `node:net`, loaded with require() (infra/bundling.ts aliases
 * `node:net` here): an ESM import makes Node read every export of the module at start.
 */
import type * as Net from 'node:net';
import { createRequire } from 'node:module';

const net = createRequire(import.meta.url)('node:net') as typeof Net;

export const isIPv4 = net.isIPv4;
export const isIPv6 = net.isIPv6;
export default net;
