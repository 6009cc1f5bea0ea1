/**
 * The composition root: the one place that builds AWS clients, adapters and the dependency
 * sets the domain takes (owner, recipient, upload, notify). Every client and adapter is made
 * on first use and kept for the life of the process (once per cold start), and each is a
 * function, so a bundle that never calls one drops it (and its SDK client) entirely.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3FileStore, UPLOAD_URL_TTL_SECONDS } from './adapters/file-store.js';
import { SesMailer } from './adapters/mailer.js';
import { DynamoNotificationStore } from './adapters/notification-store.js';
import { fileSecret, secretsManagerSecret, type Secret } from './adapters/secrets.js';
import { DynamoSecurityStore } from './adapters/security-store.js';
import { DynamoRecipientCodes } from './adapters/recipient-code-store.js';
import { DynamoRequestRepository } from './adapters/request-repository.js';
import { DynamoShareRepository } from './adapters/share-repository.js';
import { S3PreviewCache } from './adapters/preview-cache.js';
import { LambdaRenderer } from './adapters/renderer-client.js';
import { S3RenderStore } from './adapters/render-store.js';
import { DynamoTransferStore } from './adapters/transfer-store.js';
import { config } from './config.js';
import type { UploadDeps } from './domain/files/uploads.js';
import type { CreateShareDeps } from './domain/links/create.js';
import type { OwnerDeps } from './domain/links/manage.js';
import type { PartnerEditDeps } from './domain/links/partners.js';
import type { CodeDeps } from './domain/recipient/codes.js';
import { partnerPasswordHold, type NotifyDeps } from './domain/notify/notifications.js';
import type { SigningKeySource } from './domain/ports.js';
import type { RecipientDeps } from './domain/recipient/access.js';
import type { SenderDeps } from './domain/senders.js';
import type { SenderVerificationDeps } from './domain/settings/sender-verification.js';
import type { RequestOwnerDeps } from './domain/requests/owner.js';
import type { RequestUploadDeps } from './domain/requests/uploads.js';
import type { RequestPublicDeps, RequestReadDeps } from './domain/requests/visit.js';
import type { PreviewDeps } from './domain/recipient/previews.js';
import type { TransferDeps } from './domain/recipient/transfers.js';
import type { HttpPlatform } from './http/handler.js';
import { logger } from './logger.js';

/** The one clock: milliseconds since the epoch. */
export const clock = (): number => Date.now();

/** Memoises a factory: built on the first call, the same value after. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

// AWS clients. Locally, endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables.
const dynamoClient = /* @__PURE__ */ once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
);
/** Checksums only when required: browsers PUT to presigned URLs and cannot send a CRC header. */
const s3Client = /* @__PURE__ */ once(
  () =>
    new S3Client({
      forcePathStyle: config().s3ForcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
);
const sesClient = /* @__PURE__ */ once(() => new SESClient({}));
const secretsClient = /* @__PURE__ */ once(() => new SecretsManagerClient({}));
/** The recipient function's way to the renderer function (locally AWS_ENDPOINT_URL_LAMBDA, the runtime's Invoke API). */
const lambdaClient = /* @__PURE__ */ once(() => new LambdaClient({}));

// Adapters.
export const shareRepository = /* @__PURE__ */ once(() => new DynamoShareRepository(dynamoClient(), config().tableName));
export const fileStore = /* @__PURE__ */ once(() => new S3FileStore(s3Client(), config().filesBucket));
export const requestRepository = /* @__PURE__ */ once(() => new DynamoRequestRepository(dynamoClient(), config().tableName));
export const notificationStore = /* @__PURE__ */ once(() => new DynamoNotificationStore(dynamoClient(), config().tableName));
export const mailer = /* @__PURE__ */ once(() => new SesMailer(sesClient(), config().sesConfigurationSet));
/** Attempt counters, quotas, sender proofs and the outbox. */
export const securityStore = /* @__PURE__ */ once(() => new DynamoSecurityStore(dynamoClient(), config().tableName));
export const recipientCodes = /* @__PURE__ */ once(() => new DynamoRecipientCodes(dynamoClient(), config().tableName));
export const transferStore = /* @__PURE__ */ once(() => new DynamoTransferStore(dynamoClient(), config().tableName));
export const previewCache = /* @__PURE__ */ once(() => new S3PreviewCache(s3Client(), config().filesBucket));
export const renderer = /* @__PURE__ */ once(() => new LambdaRenderer(lambdaClient(), config().rendererFunctionName));
/** The renderer function's own: it reads originals and writes renders. */
export const renderStore = /* @__PURE__ */ once(() => new S3RenderStore(s3Client(), config().filesBucket));

const signingKeySecret = /* @__PURE__ */ once((): Secret => {
  const source = config().signingKeySource;
  return 'secretId' in source ? secretsManagerSecret(secretsClient, source.secretId) : fileSecret(source.file);
});
/** The HMAC key for access tokens, client hashes and sealed values. */
export const signingKey: SigningKeySource = async () => Buffer.from(await signingKeySecret()(), 'utf8');

const originSecret = /* @__PURE__ */ once(() => {
  const secretId = config().originVerifySecretId;
  return secretId ? secretsManagerSecret(secretsClient, secretId) : undefined;
});

/** What the HTTP layer needs from outside a request, for a function with public routes... */
export const publicPlatform: HttpPlatform = { originSecret: async () => originSecret()?.() };
/** ...and for one without: only public routes look for the viewer's address, so no secret (and no client) is needed. */
export const ownerPlatform: HttpPlatform = { originSecret: () => Promise.resolve(undefined) };

// Dependency sets, one per kind of work; `nowMs` is read once per request.

export function ownerDeps(): OwnerDeps {
  return { shares: shareRepository(), baseUrl: config().publicBaseUrl, nowMs: clock() };
}

export function createShareDeps(): CreateShareDeps {
  return {
    ...ownerDeps(),
    files: fileStore(),
    partnerPassword: partnerPasswordHold(notificationStore(), signingKey),
    identity: config().senderIdentity,
    proofs: securityStore(),
    counters: securityStore(),
  };
}

export async function recipientDeps(): Promise<RecipientDeps> {
  return {
    shares: shareRepository(),
    files: fileStore(),
    counters: securityStore(),
    outbox: securityStore(),
    signingKey: await signingKey(),
    nowMs: clock(),
    codes: recipientCodes(),
  };
}

export async function codeDeps(): Promise<CodeDeps> {
  return { ...(await recipientDeps()), codes: recipientCodes() };
}

/** Owner edits of a link, partner invitations included (counted, then queued for the notify function). */
export function shareEditDeps(): PartnerEditDeps {
  return { ...ownerDeps(), counters: securityStore(), outbox: securityStore(), proofs: securityStore(), identity: config().senderIdentity };
}

/** Whose sender applies and whether it was proved, within the deployment's SES identity. */
export function senderDeps(): SenderDeps {
  return { shares: shareRepository(), proofs: securityStore(), identity: config().senderIdentity };
}

export async function senderVerificationDeps(): Promise<SenderVerificationDeps> {
  return { ...senderDeps(), counters: securityStore(), outbox: securityStore(), signingKey: await signingKey(), nowMs: clock() };
}

export async function transferDeps(): Promise<TransferDeps> {
  return { ...(await recipientDeps()), transfers: transferStore() };
}

export async function previewDeps(): Promise<PreviewDeps> {
  return { ...(await recipientDeps()), previews: previewCache(), renderer: renderer() };
}

export async function uploadDeps(): Promise<UploadDeps> {
  return { files: fileStore(), signingKey: await signingKey(), maxUploadBytes: config().maxUploadBytes };
}

/** The owner's file requests. */
export function requestOwnerDeps(): RequestOwnerDeps {
  const shares = shareRepository();
  return { requests: requestRepository(), tenant: () => shares.getTenantSettings(), baseUrl: config().publicBaseUrl, nowMs: clock() };
}

/** What anyone may read of a request before unlocking it: no signing key needed. */
export function requestReadDeps(): RequestReadDeps {
  const shares = shareRepository();
  return { requests: requestRepository(), tenant: () => shares.getTenantSettings(), maxFileBytes: config().maxUploadBytes, nowMs: clock() };
}

/** An uploader's visit; wrong passwords are counted by the shares' own counters (one rule for every link). */
export async function requestPublicDeps(): Promise<RequestPublicDeps> {
  return { ...requestReadDeps(), counters: securityStore(), outbox: securityStore(), signingKey: await signingKey() };
}

/** An uploader's uploads: the visit's dependencies and the owner-upload ones (presigning, multipart). */
export async function requestUploadDeps(): Promise<RequestUploadDeps> {
  const [visit, uploads] = await Promise.all([requestPublicDeps(), uploadDeps()]);
  return { ...visit, uploads, uploadUrlSeconds: UPLOAD_URL_TTL_SECONDS };
}

export const notifyDeps = /* @__PURE__ */ once((): NotifyDeps => ({
  shares: shareRepository(),
  requests: requestRepository(),
  store: notificationStore(),
  proofs: securityStore(),
  identity: config().senderIdentity,
  mailer: mailer(),
  signingKey,
  baseUrl: config().publicBaseUrl,
  now: clock,
  log: logger,
}));
