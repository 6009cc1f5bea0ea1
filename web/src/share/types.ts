/**
 * The recipient's side of the public API, /api/public/shares/… (docs/api.md). The answers are the
 * server's response contracts (the OpenAPI document's schemas), so they cannot drift from it.
 */
import type * as z from 'zod/mini';
import type { publicShareSchema, RouteContracts } from '../../../functions/lib/contract/api/responses.js';

type Answer<N extends keyof RouteContracts> = RouteContracts[N] extends { body: infer S extends z.ZodMiniType } ? z.output<S> : never;

export type PublicShare = z.output<typeof publicShareSchema>;

/** POST …/access: without a password for a link that has none. */
export interface AccessRequest {
  password?: string;
  deviceId: string;
  /** Links with `verifyRecipients`: the partner's address and the code emailed to it. */
  email?: string;
  code?: string;
}

/** POST …/codes: the same answer whether or not the address may open the link. */
export type CodeSent = Answer<'public-share-codes'>;

export type AccessGrant = Answer<'public-share-access'>;

/** GET …/files. `unavailable`: the shared folder itself was deleted after sharing. */
export type SharedFilesPage = Answer<'public-share-files'>;

/** One entry of a listing: a folder's `path` is what to list next; a file's `fileId` what POST …/downloads takes. */
export type ShareEntry = SharedFilesPage['entries'][number];

/** The share in all, on the first page of its root: counting may stop early (`complete: false`). */
export type ShareSummaryCounts = NonNullable<SharedFilesPage['summary']>;

/** POST …/downloads: a short-lived presigned URL. */
export type DownloadGrant = Answer<'public-share-download'>;

/** POST …/transfers: one zip, counted once. */
export type TransferGrant = Answer<'public-share-transfer'>;

/** GET …/transfers/{id}/files: a path ending in "/" is a folder kept in the zip. */
export type TransferPage = Answer<'public-share-transfer-files'>;

/** POST …/previews. `rendered`: a watermarked image made for this recipient (secure view), with its page count. */
export type PreviewGrant = Answer<'public-share-preview'>;

export type PreviewKind = PreviewGrant['kind'];
