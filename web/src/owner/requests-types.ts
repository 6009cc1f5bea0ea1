/** The file-request shapes of the owner app (docs/api.md, "File requests"), re-exported by `types.ts`. */
import type * as z from 'zod/mini';
import type { createRequestSchema, updateRequestSchema } from '../../../functions/lib/domain/requests/owner.js';
import type { Answer, Me } from './types.js';

export type FileRequestPolicy = Pick<Me['policy'], 'fileRequestsEnabled' | 'defaultRequestMaxBytes'>;

export type FileRequestList = Answer<'requests-list'>;
export type FileRequest = FileRequestList['requests'][number];
/** GET /api/requests/{id}: the request and what arrived, by uploader. */
export type FileRequestDetail = Answer<'requests-get'>;
export type ReceivedFile = FileRequestDetail['received']['uploaders'][number]['files'][number];

export type CreateFileRequest = z.input<typeof createRequestSchema>;
export type CreatedFileRequest = Answer<'requests-create'>;
export type FileRequestUpdate = z.input<typeof updateRequestSchema>;

export type FileRequestEventList = Answer<'requests-events'>;
export type FileRequestEvent = FileRequestEventList['events'][number];
export type FileRequestEventKind = FileRequestEvent['kind'];
