import '../env.js';
import { describe, expect, it } from 'vitest';
import { groupAccess, groups, routeKeyOf, routes, routesOf, type Group } from '../../../functions/routes.js';
import { defineRoute } from '../../../functions/lib/http/handler.js';
import { groupLambda, type GroupRoutes } from '../../../functions/lib/http/group.js';
import { adminClaims, httpEvent, invoke, noOriginSecret, ownerClaims } from '../../support/events.js';

/** Each group's function, as deployed (functions/<group>/lambda.ts). */
const entries: Record<Group, () => Promise<{ handler: unknown }>> = {
  recipient: () => import('../../../functions/recipient/lambda.js'),
  files: () => import('../../../functions/files/lambda.js'),
  links: () => import('../../../functions/links/lambda.js'),
  settings: () => import('../../../functions/settings/lambda.js'),
};

const settingsRoutes = (): GroupRoutes<'settings'> => ({
  me: defineRoute('me', {}, async ({ caller }) => ({ body: { route: 'me', user: caller.userId } })),
  'me-settings-get': defineRoute('me-settings-get', {}, async () => ({ body: { route: 'me-settings-get' } })),
  'me-settings-put': defineRoute('me-settings-put', {}, async () => ({ body: { route: 'me-settings-put' } })),
  'admin-settings-get': defineRoute('admin-settings-get', {}, async () => ({ body: { route: 'admin-settings-get' } })),
  'admin-settings-put': defineRoute('admin-settings-put', {}, async () => ({ body: { route: 'admin-settings-put' } })),
  'sender-verification-start': defineRoute('sender-verification-start', {}, async () => ({ body: { route: 'sender-verification-start' } })),
  'sender-verification-confirm': defineRoute('sender-verification-confirm', {}, async () => ({
    body: { route: 'sender-verification-confirm' },
  })),
});

describe('a group function', () => {
  it('dispatches on the route key to the route the table names', async () => {
    const handler = groupLambda('settings', settingsRoutes(), noOriginSecret);
    for (const route of routesOf('settings')) {
      const reply = await invoke(handler, httpEvent({ method: route.method, path: route.path, claims: adminClaims() }));
      expect(reply.status, routeKeyOf(route)).toBe(200);
      expect(reply.body.route).toBe(route.handler);
    }
  });

  it('takes each route’s auth from the route table: an owner is refused an admin route', async () => {
    const handler = groupLambda('settings', settingsRoutes(), noOriginSecret);
    const me = await invoke(handler, httpEvent({ method: 'GET', path: '/api/me', claims: ownerClaims('u-1') }));
    expect(me.body).toEqual({ route: 'me', user: 'u-1' });
    const admin = await invoke(handler, httpEvent({ method: 'PUT', path: '/api/admin/settings', claims: ownerClaims('u-1') }));
    expect(admin.status).toBe(403);
    expect(admin.body.error.code).toBe('FORBIDDEN');
    const anonymous = await invoke(handler, httpEvent({ method: 'GET', path: '/api/me' }));
    expect(anonymous.status).toBe(401);
  });

  it('answers a route key of another group with 404 in the error shape', async () => {
    const handler = groupLambda('settings', settingsRoutes(), noOriginSecret);
    const reply = await invoke(handler, httpEvent({ method: 'GET', path: '/api/shares', claims: ownerClaims() }));
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses to start without one of its routes, or with another group’s route', () => {
    const { me: _me, ...missing } = settingsRoutes();
    expect(() => groupLambda('settings', missing as GroupRoutes<'settings'>, noOriginSecret)).toThrow(/no route me/);
    const extra = { ...settingsRoutes(), 'shares-list': defineRoute('shares-list', {}, async () => ({})) };
    expect(() => groupLambda('settings', extra as GroupRoutes<'settings'>, noOriginSecret)).toThrow(/shares-list/);
  });

  it.each(groups)('%s: the deployed entry serves exactly its routes of the table', async (group) => {
    const { handler } = await entries[group]();
    expect(typeof handler).toBe('function');
    expect(routesOf(group).length).toBeGreaterThan(0);
  });
});

describe('the route table', () => {
  it('puts every public route in the recipient group, and no owner route there', () => {
    for (const route of routes) expect(route.group === 'recipient', route.handler).toBe(route.auth === 'public');
  });

  it('names each route once, by method and path and by handler', () => {
    expect(new Set(routes.map(routeKeyOf)).size).toBe(routes.length);
    expect(new Set(routes.map((route) => route.handler)).size).toBe(routes.length);
  });

  it("derives a group's access as the union of its routes'", () => {
    const links = groupAccess('links');
    expect(links.table).toEqual(['GetItem', 'PutItem', 'Query', 'UpdateItem']);
    expect(links.files).toEqual(['read']);
    expect(links.signingKey).toBe(true);
    expect(links.originSecret).toBe(false);
    expect(groupAccess('recipient').originSecret).toBe(true);
    expect(groupAccess('settings').files).toEqual([]);
  });
});
