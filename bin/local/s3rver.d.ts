// s3rver ships no types; this is the part of its API the local runtime uses.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
  }

  interface S3rverContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    status: number;
  }

  export default class S3rver {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    /** The store the routes use (also `context.store`); s3rver-store.ts replaces it. */
    store: unknown;
    context: { store: unknown };
    /** Koa's middleware list (S3rver is a Koa app); composed when `run()` listens. */
    middleware: ((ctx: S3rverContext, next: () => Promise<void>) => Promise<void>)[];
  }
}

declare module 's3rver/lib/models/object.js' {
  export default class S3Object {
    constructor(bucket: string, key: string, content: unknown, metadata: Record<string, unknown>);
    bucket: string;
    key: string;
    metadata: Record<string, unknown>;
    readonly size: number;
  }
}

declare module 's3rver/lib/models/error.js' {
  export default class S3Error extends Error {
    constructor(code: string, message: string, detail?: Record<string, string>);
    code: string;
    status: number;
  }
}

declare module 's3rver/lib/stores/filesystem.js' {
  import type S3Object from 's3rver/lib/models/object.js';

  export interface ListObjectsOptions {
    prefix?: string;
    delimiter?: string;
    startAfter?: string;
    maxKeys?: number;
  }

  export interface ListObjectsResult {
    objects: S3Object[];
    commonPrefixes: string[];
    isTruncated: boolean;
  }

  export default class FilesystemStore {
    static decodeKeyPath(keyPath: string): string;
    constructor(rootDirectory: string);
    readonly rootDirectory: string;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
    listObjects(bucket: string, options: ListObjectsOptions): Promise<ListObjectsResult>;
    putObject(object: S3Object): Promise<{ size: number; md5: string }>;
    copyObject(
      srcBucket: string,
      srcKey: string,
      destBucket: string,
      destKey: string,
      replacementMetadata?: unknown,
    ): Promise<Record<string, unknown>>;
    deleteObject(bucket: string, key: string): Promise<void>;
    putBucket(bucket: string): Promise<unknown>;
    deleteBucket(bucket: string): Promise<void>;
    reset(): void;
    initiateUpload(bucket: string, key: string, uploadId: string, metadata: Record<string, unknown>): Promise<void>;
    putPart(bucket: string, uploadId: string, partNumber: number, content: NodeJS.ReadableStream): Promise<{ size: number; md5: string }>;
    putObjectMultipart(bucket: string, uploadId: string, parts: { number: number }[]): Promise<{ size: number; md5: string }>;
  }
}
