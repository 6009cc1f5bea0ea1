/**
 * The floor bundle: only the AWS SDK clients the recipient function uses (DynamoDB document
 * client, S3 client, presigner), built with the functions' esbuild options. Its start and
 * import are what any recipient function must pay at least; its handler makes the recipient's
 * kind of calls (read the share, check and list files, presign), so the clients are not tree-shaken.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface FloorEvent {
  key: { pk: string; sk: string };
  objectKey: string;
}

let clients: { db: DynamoDBDocumentClient; s3: S3Client } | undefined;

export async function floorHandler(event: FloorEvent): Promise<{ statusCode: number; body: string }> {
  clients ??= {
    db: DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({
      forcePathStyle: process.env.S3_FORCE_PATH_STYLE === '1',
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  };
  const { db, s3 } = clients;
  const TableName = process.env.TABLE_NAME;
  const Bucket = process.env.FILES_BUCKET;
  // Reads only: the floor runs many times and leaves the table as it was.
  await db.send(new GetCommand({ TableName, Key: event.key }));
  await s3.send(new HeadObjectCommand({ Bucket, Key: event.objectKey }));
  await s3.send(new ListObjectsV2Command({ Bucket, Prefix: event.objectKey, MaxKeys: 1 }));
  const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: event.objectKey }), { expiresIn: 300 });
  return { statusCode: 200, body: JSON.stringify({ url }) };
}

export const handler = floorHandler;
