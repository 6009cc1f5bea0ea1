import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoShareRepository } from '../../functions/lib/adapters/share-repository.js';
import type { Share } from '../../functions/lib/domain/share.js';
import { baseUrl, call, signIn } from './client.js';

/**
 * An owner with 2,500 links pages through "My share links" and meets every link exactly once,
 * newest first. The links are written with the product's own repository (the exact items
 * POST /api/shares writes), straight into the local table: creating 2,500 through the API
 * would only test the same code 2,500 times, slowly.
 */
const COUNT = 2500;
let token: string;
const seeded: Share[] = [];

beforeAll(async () => {
  const config = (await (await fetch(`${baseUrl()}/config.json`)).json()) as {
    userPoolId: string;
    cognitoEndpoint: string;
    region: string;
  };
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const cognito = new CognitoIdentityProviderClient({ region: config.region, endpoint: config.cognitoEndpoint, credentials });
  const email = `pager-${Date.now().toString(36)}@example.com`;
  const password = 'Pager-password-1';
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: config.userPoolId,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await cognito.send(
    new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId, Username: email, Password: password, Permanent: true }),
  );
  token = await signIn(email, password);
  const ownerId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;

  const repository = new DynamoShareRepository(
    DynamoDBDocumentClient.from(new DynamoDBClient({ region: config.region, endpoint: inject('dynamoEndpoint'), credentials }), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    inject('tableName'),
  );
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < COUNT; i++) {
    // Three links per second: within a second, the id decides the order.
    const createdAt = new Date(start + Math.floor(i / 3) * 1000).toISOString();
    seeded.push({
      id: `paging${String(i).padStart(6, '0')}${Math.random().toString(36).slice(2, 12).padEnd(10, 'x')}`.slice(0, 22),
      ownerId,
      ownerEmail: email,
      items: [{ path: `f${i}.txt`, alias: `f${i}.txt`, kind: 'file', size: 1 }],
      allowDownload: true,
      passwordHash: null,
      passwordVersion: 1,
      status: i % 7 === 0 ? 'cancelled' : 'active',
      createdAt,
      expiresAt: null,
      cancelledAt: i % 7 === 0 ? createdAt : null,
      downloadCount: 0,
      maxDownloads: null,
      deviceBinding: false,
      boundDevice: null,
      recipients: [],
      message: null,
      notifyOnDownload: false,
      includePasswordInEmail: false,
    });
  }
  for (let i = 0; i < seeded.length; i += 25) await Promise.all(seeded.slice(i, i + 25).map((share) => repository.create(share)));
}, 180_000);

async function pageThrough(status: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `/api/shares?status=${status}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const reply = await call('GET', query, { token });
    expect(reply.status).toBe(200);
    ids.push(...reply.body.shares.map((s: { id: string }) => s.id));
    cursor = reply.body.nextCursor;
  } while (cursor);
  return ids;
}

const sortKey = (s: Share) => `${s.createdAt}#${s.id}`;
const newestFirst = (shares: Share[]) => [...shares].sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1)).map((s) => s.id);

describe('paging through thousands of links', () => {
  it(`reaches every one of ${COUNT} links exactly once, newest first`, async () => {
    const ids = await pageThrough('all', 100);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    expect(ids).toEqual(newestFirst(seeded));
  });

  it('keeps filtered pages exact: every active link once, no cancelled one', async () => {
    const ids = await pageThrough('active', 100);
    const active = seeded.filter((s) => s.status === 'active');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(newestFirst(active));
    const cancelled = await pageThrough('cancelled', 100);
    expect(cancelled).toEqual(newestFirst(seeded.filter((s) => s.status === 'cancelled')));
  });
});
