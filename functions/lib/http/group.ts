import type { Context } from 'aws-lambda';
import { routeKeyOf, routesOf, type Group, type HandlersOf } from '../../routes.js';
import { AppError } from '../errors.js';
import {
  errorResult,
  routeLambda,
  type HttpEvent,
  type HttpPlatform,
  type HttpResult,
  type LambdaHttpHandler,
  type NamedRoute,
} from './handler.js';

/** Every route of a group, by handler name: the type lets no route be missing or extra. */
export type GroupRoutes<G extends Group> = { [N in HandlersOf<G>]: NamedRoute<N> };

/** A group's Lambda handler, carrying its routes (their schemas and typed answers, for the API contract). */
export type GroupLambda<R> = LambdaHttpHandler & { readonly routes: R };

/**
 * The Lambda handler of one function group: it serves exactly the group's routes of the route
 * table and dispatches on API Gateway's route key (`POST /api/public/shares/{id}/access`).
 */
export function groupLambda<G extends Group, R extends GroupRoutes<G>>(
  group: G,
  routes: R & Record<Exclude<keyof R, HandlersOf<G>>, never>,
  platform: HttpPlatform,
): GroupLambda<R> {
  const byKey = new Map<string, LambdaHttpHandler>();
  for (const entry of routesOf(group)) {
    const route = (routes as Record<string, NamedRoute | undefined>)[entry.handler];
    if (!route || route.name !== entry.handler) throw new Error(`The ${group} function has no route ${entry.handler}`);
    byKey.set(routeKeyOf(entry), routeLambda(route, platform));
  }
  const extra = Object.keys(routes).filter((name) => !routesOf(group).some((entry) => entry.handler === name));
  if (extra.length) throw new Error(`The ${group} function serves routes the table gives another group: ${extra.join(', ')}`);

  const dispatch = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const handler = byKey.get(event.routeKey);
    // API Gateway only sends this function its own routes; anything else is a wiring mistake.
    if (!handler) return errorResult(new AppError('NOT_FOUND', 'No such route.'));
    return handler(event, context);
  };
  return Object.assign(dispatch, { routes });
}
