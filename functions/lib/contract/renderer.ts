/**
 * The preview renderer function (secure view): not an HTTP route, so not in the route table,
 * but granted and given an environment from the same access kinds (`functions/routes.ts`
 * `Access`): it reads originals under `users/` and writes renders under `previews/`, nothing
 * else. The recipient function invokes it (`renderer` access of the preview routes).
 */
import type { Access } from '../../routes.js';
import type { EnvironmentNeeds } from './environment.js';

export const rendererFunction = {
  /** Its folder: `functions/renderer/lambda.ts`. */
  name: 'renderer',
  access: { files: 'read', previews: 'write' } satisfies Access,
} as const;

export const rendererEnvironmentNeeds: EnvironmentNeeds = {
  table: false,
  files: true,
  upload: false,
  signingKey: false,
  originSecret: false,
  email: false,
  senderIdentity: false,
};
