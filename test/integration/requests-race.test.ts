/**
 * The request repository's conditions evaluated by DynamoDB itself (the e2e runtime's DynamoDB
 * Local): however many reservations, name claims or settles race, each has exactly the winners
 * the limits allow.
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientConfig } from '../../bin/local/aws.js';
import { DynamoRequestRepository } from '../../functions/lib/adapters/request-repository.js';
import type { FileRequest, RequestUpload } from '../../functions/lib/domain/requests/request.js';

let client: DynamoDBClient;
let repository: DynamoRequestRepository;
const id = () => randomBytes(16).toString('base64url');
const now = () => new Date().toISOString();

beforeAll(() => {
  client = new DynamoDBClient(clientConfig(inject('dynamoEndpoint')));
  repository = new DynamoRequestRepository(
    DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    inject('tableName'),
  );
});

afterAll(() => client.destroy());

async function aRequestWithVisit(limits: Pick<FileRequest, 'maxFiles' | 'maxBytes'>) {
  const request: FileRequest = {
    id: id(),
    ownerId: `race-owner-${id()}`,
    ownerEmail: 'race@example.com',
    folder: 'race/',
    title: 'race',
    message: null,
    passwordHash: null,
    passwordVersion: 1,
    status: 'active',
    createdAt: now(),
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    cancelledAt: null,
    notifyOnUpload: false,
    filesUsed: 0,
    bytesUsed: 0,
    filesReceived: 0,
    bytesReceived: 0,
    ...limits,
  };
  await repository.create(request);
  const visitId = id();
  await repository.createVisit(
    {
      requestId: request.id,
      visitId,
      uploader: 'R',
      email: null,
      client: 'c',
      userAgent: 'u',
      createdAt: now(),
      expiresAt: now(),
      pending: 0,
      files: 0,
      bytes: 0,
      emailedFiles: 0,
    },
    request.expiresAt,
  );
  const upload = (size: number): RequestUpload => ({
    requestId: request.id,
    visitId,
    uploadId: id(),
    state: 'pending',
    name: 'f',
    size,
    contentType: 'x/y',
    createdAt: now(),
    deadline: now(),
  });
  return { request, visitId, upload };
}

describe('against DynamoDB', () => {
  it('gives exactly 3 of 20 parallel reservations to a 3-file request', async () => {
    const { request, visitId, upload } = await aRequestWithVisit({ maxFiles: 3, maxBytes: 1_000_000 });
    const results = await Promise.all(Array.from({ length: 20 }, () => repository.reserveUpload(upload(10), request, now())));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await repository.get(request.id)).toMatchObject({ filesUsed: 3, bytesUsed: 30 });
    expect(await repository.getVisit(request.id, visitId)).toMatchObject({ pending: 3 });
    expect(await repository.listUploads(request.id, visitId, 100)).toHaveLength(3);
  });

  it('never reserves more bytes than the request allows, however the sizes race', async () => {
    const { request, upload } = await aRequestWithVisit({ maxFiles: null, maxBytes: 100 });
    const results = await Promise.all(Array.from({ length: 20 }, () => repository.reserveUpload(upload(30), request, now())));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect((await repository.get(request.id))!.bytesUsed).toBe(90);
  });

  it('refuses a cancelled or expired request, and settles an upload exactly once', async () => {
    const { request, visitId, upload } = await aRequestWithVisit({ maxFiles: null, maxBytes: 100 });
    const reserved = upload(10);
    expect(await repository.reserveUpload(reserved, request, now())).toBe(true);
    const deltas = { filesUsed: -1, bytesUsed: -10, filesReceived: 0, bytesReceived: 0, pending: -1, visitFiles: 0, visitBytes: 0 };
    const settles = await Promise.all(Array.from({ length: 5 }, () => repository.settleUpload(reserved, 'pending', 'aborted', deltas)));
    expect(settles.filter(Boolean)).toHaveLength(1);
    expect(await repository.get(request.id)).toMatchObject({ filesUsed: 0, bytesUsed: 0 });
    expect(await repository.getVisit(request.id, visitId)).toMatchObject({ pending: 0 });
    expect(await repository.reserveUpload(upload(1), request, new Date(Date.now() + 2 * 3600_000).toISOString())).toBe(false);
    await repository.cancel(request.id, request.ownerId, now());
    expect(await repository.reserveUpload(upload(1), request, now())).toBe(false);
  });

  it('lets one of 10 parallel uploads claim a name, and the next one only after it is released', async () => {
    const key = `users/race/${id()}/a.pdf`;
    const nowEpoch = Math.floor(Date.now() / 1000);
    const claimants = Array.from({ length: 10 }, () => id());
    const results = await Promise.all(claimants.map((uploadId) => repository.claimName(key, uploadId, nowEpoch + 600, nowEpoch)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = claimants[results.indexOf(true)]!;
    const loser = claimants.find((claimant) => claimant !== winner)!;
    await repository.releaseName(key, loser);
    expect(await repository.claimName(key, loser, nowEpoch + 600, nowEpoch)).toBe(false);
    await repository.releaseName(key, winner);
    expect(await repository.claimName(key, loser, nowEpoch + 600, nowEpoch)).toBe(true);
    // A lock whose upload can no longer reach the key is free again.
    expect(await repository.claimName(key, winner, nowEpoch + 2000, nowEpoch + 1000)).toBe(true);
  });
});
