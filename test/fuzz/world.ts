/**
 * The state the fuzz suite runs each request against: the in-memory adapters
 * (`test/support/memory-adapters.ts`) seeded with owners, files, share links in every state,
 * an open multipart upload, and tenant policies; plus the values a request can name to reach
 * deep into the handlers (share ids, paths, file ids, sealed upload ids, access tokens).
 * A fresh world is made for every input, so a counterexample replays on its own.
 */
import { keyOf } from '../../functions/lib/domain/paths.js';
import { hashPassword } from '../../functions/lib/domain/passwords.js';
import { encodeFileId } from '../../functions/lib/domain/recipient/files.js';
import { partCountFor, sealUploadId } from '../../functions/lib/domain/files/uploads.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../../functions/lib/domain/settings/policy.js';
import type { Share, ShareItem } from '../../functions/lib/domain/share.js';
import { deviceHash, issueToken } from '../../functions/lib/domain/tokens.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../support/memory-adapters.js';
import { MemoryNotificationStore, RecordingMailer } from '../support/memory-notifications.js';
import { MemoryRequestRepository } from '../support/memory-requests.js';
import { MemoryRecipientCodes } from '../support/memory-codes.js';
import { partnersFor, partnerKey } from '../../functions/lib/domain/recipient/partners.js';
import { FakeRenderer, MemoryPreviewCache, MemoryTransferStore } from '../support/memory-recipient.js';
import type { FileRequest } from '../../functions/lib/domain/requests/request.js';

export const OWNER = { sub: 'owner-a1b2c3', email: 'owner@example.com' };
export const STRANGER = { sub: 'owner-z9y8x7', email: 'stranger@example.com' };
export const ADMIN = { sub: 'admin-q5w6e7', email: 'admin@example.com' };
export const SHARE_PASSWORD = 'correct horse battery';
export const DEVICE = 'fuzz-device-0001';
export const BOUND_DEVICE = 'fuzz-device-bound';
const DAY = 24 * 3600 * 1000;

/** Share links of the owner (and one of a stranger), one per state a recipient can meet. */
export const SHARE_IDS = {
  open: 'fuzzOpen00000000000000',
  locked: 'fuzzLocked000000000000',
  bound: 'fuzzBound0000000000000',
  viewOnly: 'fuzzViewOnly0000000000',
  exhausted: 'fuzzExhausted000000000',
  endless: 'fuzzEndless00000000000',
  expired: 'fuzzExpired00000000000',
  cancelled: 'fuzzCancelled000000000',
  strangers: 'fuzzStrangers000000000',
  verified: 'fuzzVerified0000000000',
} as const;
/** The verified link's partners: the first one's device is bound. */
export const PARTNERS = ['sam@partner.example', 'kim@partner.example'] as const;
export type ShareName = keyof typeof SHARE_IDS;

/** File requests (upload links) of the owner: one taking files, one with a password, one cancelled. */
export const REQUEST_IDS = {
  open: 'fuzzReqOpen00000000000',
  locked: 'fuzzReqLocked000000000',
  cancelled: 'fuzzReqCancelled000000',
} as const;
export type RequestName = keyof typeof REQUEST_IDS;
/** The uploader visit each request has (made by an unlock), which request tokens name. */
export const VISIT_ID = 'fuzzVisit0000000000000';

function requestOf(name: RequestName, nowMs: number, passwordHash: string): FileRequest {
  const base: FileRequest = {
    id: REQUEST_IDS[name],
    ownerId: OWNER.sub,
    ownerEmail: OWNER.email,
    ownerName: 'Owner A',
    folder: 'docs/',
    title: 'Send me your files',
    message: null,
    passwordHash: null,
    passwordVersion: 1,
    status: 'active',
    createdAt: new Date(nowMs - DAY).toISOString(),
    expiresAt: new Date(nowMs + 7 * DAY).toISOString(),
    cancelledAt: null,
    maxFiles: 3,
    maxBytes: 50 * 1024 * 1024,
    notifyOnUpload: true,
    filesUsed: 0,
    bytesUsed: 0,
    filesReceived: 0,
    bytesReceived: 0,
  };
  switch (name) {
    case 'open':
      return base;
    case 'locked':
      return { ...base, passwordHash, passwordVersion: 2 };
    case 'cancelled':
      return { ...base, status: 'cancelled', cancelledAt: new Date(nowMs - 3600_000).toISOString() };
  }
}

/** The owner's files (and folders, ending in `/`); folders hold what is listed below them. */
export const OWNER_PATHS = [
  'report.pdf',
  'notes.txt',
  'café.txt',
  'docs/plan.md',
  'docs/q3/figures.png',
  'photos/a.jpg',
  'photos/b.png',
  'photos/2024/c.txt',
  'empty/',
  'big/movie.mkv',
] as const;
const STRANGER_PATHS = ['secret.txt', 'private/x.pdf'] as const;
export const OWNER_FOLDERS = ['docs/', 'docs/q3/', 'photos/', 'photos/2024/', 'empty/', 'big/'] as const;

/** A multipart upload the owner started (40 MiB, three parts), sealed as the API hands it out. */
export const MULTIPART = { path: 'big/upload.bin', size: 40 * 1024 * 1024, contentType: 'application/octet-stream' };

export const TENANT_POLICIES: readonly TenantSettings[] = [
  DEFAULT_TENANT_SETTINGS,
  { ...DEFAULT_TENANT_SETTINGS, requirePassword: true, deviceBindingEnabled: true, maxExpiryDays: 30, defaultExpiryDays: 7 },
  { ...DEFAULT_TENANT_SETTINGS, adminNotificationSender: 'noreply@example.com', deviceBindingEnabled: true },
];

const item = (path: string, alias?: string, size = 1000): ShareItem =>
  path.endsWith('/')
    ? { path, alias: alias ?? path.slice(0, -1).split('/').at(-1)!, kind: 'folder' }
    : { path, alias: alias ?? path.split('/').at(-1)!, kind: 'file', size };

let lockedHash: Promise<string> | undefined;

function shareOf(name: ShareName, nowMs: number, passwordHash: string): Share {
  const base: Share = {
    id: SHARE_IDS[name],
    ownerId: OWNER.sub,
    ownerEmail: OWNER.email,
    items: [item('report.pdf'), item('photos/'), item('notes.txt', 'Notes.txt')],
    allowDownload: true,
    passwordHash: null,
    passwordVersion: 1,
    status: 'active',
    createdAt: new Date(nowMs - DAY).toISOString(),
    expiresAt: new Date(nowMs + 7 * DAY).toISOString(),
    cancelledAt: null,
    downloadCount: 0,
    maxDownloads: null,
    deviceBinding: false,
    boundDevice: null,
    recipients: [],
    message: null,
    notifyOnDownload: false,
    includePasswordInEmail: false,
  };
  switch (name) {
    case 'open':
      return { ...base, message: 'Hello \u202e and welcome', notifyOnDownload: true };
    case 'locked':
      return { ...base, items: [item('docs/'), item('report.pdf')], passwordHash, passwordVersion: 3 };
    case 'bound':
      return { ...base, deviceBinding: true, boundDevice: deviceHash(BOUND_DEVICE) };
    case 'viewOnly':
      return { ...base, allowDownload: false, items: [item('photos/a.jpg'), item('notes.txt'), item('docs/q3/')] };
    case 'exhausted':
      return { ...base, maxDownloads: 1, downloadCount: 1 };
    case 'endless':
      return { ...base, expiresAt: null, deviceBinding: true, items: [item('café.txt'), item('empty/')] };
    case 'expired':
      return { ...base, createdAt: new Date(nowMs - 9 * DAY).toISOString(), expiresAt: new Date(nowMs - DAY).toISOString() };
    case 'cancelled':
      return { ...base, status: 'cancelled', cancelledAt: new Date(nowMs - 3600_000).toISOString() };
    case 'strangers':
      return { ...base, ownerId: STRANGER.sub, ownerEmail: STRANGER.email, items: [item('secret.txt')] };
    case 'verified': {
      const partners = partnersFor([...PARTNERS], base.createdAt);
      partners[partnerKey(PARTNERS[0])]!.boundDevice = deviceHash(BOUND_DEVICE);
      return { ...base, deviceBinding: true, recipients: [...PARTNERS], verifyRecipients: true, partners };
    }
  }
}

export interface World {
  nowMs: number;
  shares: MemoryShareRepository;
  files: MemoryFileStore;
  notifications: MemoryNotificationStore;
  mailer: RecordingMailer;
  security: MemorySecurityStore;
  requests: MemoryRequestRepository;
  transfers: MemoryTransferStore;
  previews: MemoryPreviewCache;
  renderer: FakeRenderer;
  codes: MemoryRecipientCodes;
}

/** A fresh world: same content every time but for the time it is made at. */
export async function makeWorld(policy: TenantSettings, ownSender: string | null): Promise<World> {
  const nowMs = Date.now();
  const passwordHash = await (lockedHash ??= hashPassword(SHARE_PASSWORD));
  const shares = new MemoryShareRepository();
  for (const name of Object.keys(SHARE_IDS) as ShareName[]) shares.put(shareOf(name, nowMs, passwordHash));
  shares.tenant = { ...policy };
  if (ownSender) shares.userSettings.set(OWNER.sub, { notificationSender: ownSender });
  const files = new MemoryFileStore(() => nowMs);
  for (const path of OWNER_PATHS) files.putObject(keyOf(OWNER.sub, path), path.endsWith('/') ? 0 : 1000);
  for (const path of STRANGER_PATHS) files.putObject(keyOf(STRANGER.sub, path), 1000);
  const requests = new MemoryRequestRepository();
  for (const name of Object.keys(REQUEST_IDS) as RequestName[]) {
    const request = requests.put(requestOf(name, nowMs, passwordHash));
    await requests.createVisit({
      requestId: request.id,
      visitId: VISIT_ID,
      uploader: 'Sam',
      email: null,
      client: 'fuzz-client',
      userAgent: 'Mozilla/5.0',
      createdAt: new Date(nowMs - 60_000).toISOString(),
      expiresAt: new Date(nowMs + 3600_000).toISOString(),
      pending: 0,
      files: 0,
      bytes: 0,
      emailedFiles: 0,
    });
  }
  const previews = new MemoryPreviewCache();
  const s3UploadId = await files.startMultipartUpload(keyOf(OWNER.sub, MULTIPART.path), MULTIPART.contentType);
  for (let part = 1; part <= partCountFor(MULTIPART.size); part++) files.receivePart(s3UploadId, part, 16 * 1024 * 1024);
  return {
    nowMs,
    shares,
    files,
    notifications: new MemoryNotificationStore(),
    mailer: new RecordingMailer(),
    security: new MemorySecurityStore(),
    requests,
    transfers: new MemoryTransferStore(shares),
    previews,
    renderer: new FakeRenderer(previews),
    codes: new MemoryRecipientCodes(),
  };
}

/** What the request may name: seeded ids and paths, file ids, upload ids, ETags and access tokens. */
export interface Names {
  shareIds: string[];
  requestIds: string[];
  ownerPaths: string[];
  sharedPaths: string[];
  fileIds: string[];
  uploadIds: string[];
  etags: string[];
  /** Access tokens, the share each names, and the one it is good for (undefined: none). */
  tokens: { token: string; names: string; goodFor: string | undefined }[];
}

export function namesOf(signingKey: Buffer, nowMs: number): Names {
  const token = (name: ShareName, device: string, pv: number, good: boolean, at = nowMs) => ({
    token: issueToken(signingKey, { sid: SHARE_IDS[name], dev: deviceHash(device), pv, av: 0 }, at).token,
    names: SHARE_IDS[name],
    goodFor: good ? SHARE_IDS[name] : undefined,
  });
  const requestToken = (name: RequestName, pv: number, good: boolean) => ({
    token: issueToken(signingKey, { sid: REQUEST_IDS[name], dev: VISIT_ID, pv, av: 0 }, nowMs).token,
    names: REQUEST_IDS[name],
    goodFor: good ? REQUEST_IDS[name] : undefined,
  });
  const s3UploadId = 'mpu-1';
  const altered = token('open', DEVICE, 1, false);
  return {
    shareIds: Object.values(SHARE_IDS),
    requestIds: Object.values(REQUEST_IDS),
    ownerPaths: [...OWNER_PATHS, ...OWNER_FOLDERS, MULTIPART.path, 'docs', 'missing.txt', 'missing/'],
    sharedPaths: ['', 'photos/', 'photos/2024/', 'docs/', 'docs/q3/', 'q3/', 'empty/', 'Notes.txt', 'photos/../', 'photos/2024'],
    fileIds: [
      encodeFileId(0),
      encodeFileId(1),
      encodeFileId(2),
      encodeFileId(1, 'a.jpg'),
      encodeFileId(1, '2024/c.txt'),
      encodeFileId(0, 'q3/figures.png'),
      encodeFileId(0, 'x'),
      encodeFileId(9),
    ],
    uploadIds: [
      sealUploadId(signingKey, OWNER.sub, MULTIPART.path, { s3UploadId, size: MULTIPART.size }),
      sealUploadId(signingKey, STRANGER.sub, MULTIPART.path, { s3UploadId, size: MULTIPART.size }),
      sealUploadId(signingKey, OWNER.sub, 'report.pdf', { s3UploadId: 'mpu-9', size: MULTIPART.size }),
    ],
    etags: [1, 2, 3].map((part) => `"etag-${s3UploadId}-${part}-${16 * 1024 * 1024}"`),
    tokens: [
      ...(['open', 'viewOnly', 'exhausted', 'endless'] as const).map((name) => token(name, DEVICE, 1, true)),
      token('locked', DEVICE, 3, true),
      token('bound', BOUND_DEVICE, 1, true),
      // Refused however they are used: another device of a bound link, an old password version,
      // expired, of a link that is gone, or altered.
      token('bound', DEVICE, 1, false),
      token('locked', DEVICE, 2, false),
      token('open', DEVICE, 1, false, nowMs - 2 * 3600_000),
      token('expired', DEVICE, 1, false),
      token('cancelled', DEVICE, 1, false),
      token('strangers', DEVICE, 1, true),
      // A verified partner's token (good), and a link-wide token of the verified link (refused).
      {
        token: issueToken(
          signingKey,
          { sid: SHARE_IDS.verified, dev: deviceHash(BOUND_DEVICE), pv: 1, av: 0, grant: partnerKey(PARTNERS[0]), em: PARTNERS[0] },
          nowMs,
        ).token,
        names: SHARE_IDS.verified,
        goodFor: SHARE_IDS.verified,
      },
      token('verified', DEVICE, 1, false),
      { ...altered, token: `${altered.token.slice(0, -2)}AA` },
      // Request tokens: an uploader's visit (good), and one of an old password version.
      ...(['open', 'cancelled'] as const).map((name) => requestToken(name, 1, true)),
      requestToken('locked', 2, true),
      requestToken('locked', 1, false),
    ],
  };
}

/**
 * Journals a refused request writes by design: the access log (`denied:<CODE>` events) and the
 * password attempt counters; and the fakes' call records (presigned URLs handed out, batch sizes).
 * Everything else the fakes hold is state a refusal must leave alone.
 */
const NOT_STATE: Record<string, readonly string[]> = {
  shares: ['events', 'attempts'],
  files: ['uploads', 'downloads', 'presignedParts', 'deleteBatches', 'listKeysCalls', 'listTreeCalls'],
  notifications: [],
  mailer: [],
  // Password and code attempt counters, and the outbox's one "link locked" alert a refusal may queue.
  security: ['counters', 'outbox'],
  // Request access log events (a refused unlock is logged).
  requests: ['events'],
  // The share repository it counts downloads in (compared as `shares`).
  transfers: ['shares'],
  // Presigned render URLs handed out, jobs the renderer took, and the renders it cached (a preview is not state a refusal undoes).
  previews: ['presigned', 'renders'],
  renderer: ['jobs', 'cache'],
  codes: [],
};

const canonical = (value: unknown): unknown => {
  if (value instanceof Map)
    return [...value.entries()].map(([k, v]) => [k, canonical(v)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  if (value instanceof Set) return [...value].map(canonical).sort();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
};

/** The world's state as a string, to compare before and after a request. */
export function stateOf(world: World): string {
  const state: Record<string, unknown> = {};
  for (const part of [
    'shares',
    'files',
    'notifications',
    'mailer',
    'security',
    'requests',
    'transfers',
    'previews',
    'renderer',
    'codes',
  ] as const) {
    const fields = Object.entries(world[part] as object).filter(
      ([field, value]) => !NOT_STATE[part]!.includes(field) && typeof value !== 'function',
    );
    state[part] = canonical(Object.fromEntries(fields));
  }
  return JSON.stringify(state);
}
