/** s3rver in a child process, and the files bucket with CORS for the app origin. */
import { fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BucketAlreadyExists, BucketAlreadyOwnedByYou, CreateBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { DETACHED, manageChild, tsxImportArgs, untilReady, type ManagedChild } from './children.js';
import { LOCAL_HOST } from './ports.js';

export interface S3Local {
  endpoint: string;
  child: ManagedChild;
}

export async function startS3(options: { dir: string }): Promise<S3Local> {
  await mkdir(options.dir, { recursive: true });
  const script = fileURLToPath(new URL('./s3rver-process.ts', import.meta.url));
  const child = manageChild(
    's3rver',
    fork(script, [options.dir], {
      execArgv: ['--openssl-legacy-provider', ...tsxImportArgs()],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      ...DETACHED,
    }),
  );
  const listening = new Promise<number>((resolve) => {
    child.process.once('message', (message) => resolve((message as { port: number }).port));
  });
  try {
    const port = await untilReady(child, listening);
    return { endpoint: `http://${LOCAL_HOST}:${port}`, child };
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** Creates the bucket if needed and (re)applies CORS, since the app origin can change with PORT. */
export async function provisionBucket(client: S3Client, bucket: string, appOrigins: string[]): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou || error instanceof BucketAlreadyExists)) throw error;
  }
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: appOrigins,
            AllowedMethods: ['PUT', 'GET', 'HEAD'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 3000,
          },
        ],
      },
    }),
  );
}
