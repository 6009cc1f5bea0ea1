/**
 * How the runtime's own SDK clients (provisioning, stream polling) reach the emulators.
 * s3rver checks the access key is S3RVER; the other emulators accept any key.
 */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface AwsClientConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  endpoint: string;
}

export const clientConfig = (endpoint: string): AwsClientConfig => ({
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
  endpoint,
});
