/**
 * Compile-time proof that `responses.ts` documents exactly what each handler returns: the body
 * type of every route's work (as its group's function carries it) must equal the output type of
 * its documented body schema, both ways. `tsc -p .` (in `npm test`) fails on a difference and
 * names the route. Types only: nothing here runs or is bundled.
 */
import type * as z from 'zod/mini';
import type { handler as files } from '../../../files/lambda.js';
import type { handler as links } from '../../../links/lambda.js';
import type { handler as recipient } from '../../../recipient/lambda.js';
import type { Group } from '../../../routes.js';
import type { handler as settings } from '../../../settings/lambda.js';
import type { RouteContracts } from './responses.js';

/** Every group's routes as its deployed function carries them (`functions/<group>/lambda.ts`). */
interface GroupRoutes {
  recipient: (typeof recipient)['routes'];
  files: (typeof files)['routes'];
  links: (typeof links)['routes'];
  settings: (typeof settings)['routes'];
}
// A new group must be listed above.
type EveryGroupListed = Group extends keyof GroupRoutes ? true : never;
export const everyGroupListed: EveryGroupListed = true;

type AllRoutes = GroupRoutes[keyof GroupRoutes];
type RouteNamed<N extends PropertyKey> = AllRoutes extends infer R ? (R extends Record<N, infer Route> ? Route : never) : never;

/** What the route's work returns as its body (undefined for a 204). */
type ReturnedBody<N extends PropertyKey> =
  RouteNamed<N> extends { run: (...args: never[]) => Promise<infer Answer> }
    ? Answer extends { body: infer Body }
      ? Body
      : undefined
    : never;

type DocumentedBody<N extends keyof RouteContracts> = RouteContracts[N] extends { body: infer S extends z.ZodMiniType }
  ? z.output<S>
  : undefined;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The routes whose documented body differs from the returned one (should be none). */
type Drifted = {
  [N in keyof RouteContracts as Same<ReturnedBody<N>, DocumentedBody<N>> extends true ? never : N]: {
    returned: ReturnedBody<N>;
    documented: DocumentedBody<N>;
  };
};

/** Fails to compile with "missing the following properties ...: <route>" for each route that drifted. */
export const noDrift: Record<keyof Drifted, never> = {};
