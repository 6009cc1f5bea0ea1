/**
 * The environment variables a function reads: named once here, set by `infra/` (deployed)
 * and `bin/local/` (local runtime), read only through `functions/lib/config.ts`.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  filesBucket: 'FILES_BUCKET',
  /** The origin links point at (CloudFront or the custom domain; the local runtime's URL). */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** Deployed: the Secrets Manager secret holding the HMAC signing key... */
  signingKeySecretId: 'SIGNING_KEY_SECRET_ID',
  /** ...locally: a file holding it. */
  signingKeyFile: 'SIGNING_KEY_FILE',
  /** Deployed: the secret CloudFront sends in the origin-verify header (absent locally: no CloudFront). */
  originVerifySecretId: 'ORIGIN_VERIFY_SECRET_ID',
  /** Largest file an owner may upload, in bytes (`-c maxUploadBytes`; 5 GiB by default). */
  maxUploadBytes: 'MAX_UPLOAD_BYTES',
  /**
   * Which addresses email may come from: `local` (the local runtime: any), `off` (deployed
   * without an SES identity: no email), `address:<email>` or `domain:<domain>`.
   */
  senderIdentity: 'SENDER_IDENTITY',
  /** The SES configuration set every email names (deployed). */
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  /** Local S3 (s3rver) needs path-style URLs. */
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  /** The preview renderer's Lambda function, which the recipient function invokes (secure view). */
  rendererFunctionName: 'RENDERER_FUNCTION_NAME',
  /** Powertools' own: the service name on every log line. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
} as const;

export type EnvKey = keyof typeof ENV;
export type EnvName = (typeof ENV)[EnvKey];

export const SERVICE_NAME = 'sharelink';

/** What a function does, as far as its environment is concerned. */
export interface EnvironmentNeeds {
  table: boolean;
  files: boolean;
  upload: boolean;
  signingKey: boolean;
  originSecret: boolean;
  email: boolean;
  /** Checks or uses sender addresses, so it must know the deployment's SES identity. */
  senderIdentity: boolean;
  /** Invokes the preview renderer (optional: only the recipient function does). */
  renderer?: boolean;
}

/**
 * The variables a function with these needs gets (besides the local-only ones): nothing it
 * does not read, so a function's environment says what it touches.
 */
export function environmentKeysFor(needs: EnvironmentNeeds): EnvKey[] {
  const keys: EnvKey[] = ['serviceName', 'publicBaseUrl'];
  if (needs.table) keys.push('tableName');
  if (needs.files) keys.push('filesBucket');
  if (needs.upload) keys.push('maxUploadBytes');
  if (needs.signingKey) keys.push('signingKeySecretId');
  if (needs.originSecret) keys.push('originVerifySecretId');
  if (needs.email) keys.push('sesConfigurationSet');
  if (needs.senderIdentity) keys.push('senderIdentity');
  if (needs.renderer) keys.push('rendererFunctionName');
  return keys;
}
