/**
 * The one reader of the environment (names in `contract/environment.ts`), read once per cold
 * start. A function gets only the variables its routes need, so a required value is checked
 * when it is first used and its absence names the variable.
 */
import { ENV, SERVICE_NAME, type EnvKey } from './contract/environment.js';
import { uploadLimitFrom } from './domain/files/uploads.js';
import { parseSenderIdentity, type SenderIdentity } from './domain/senders.js';

export interface Config {
  readonly tableName: string;
  readonly filesBucket: string;
  readonly publicBaseUrl: string;
  /** Where the HMAC key comes from: Secrets Manager when deployed, a file locally. */
  readonly signingKeySource: { secretId: string } | { file: string };
  /** Absent locally (no CloudFront in front): the viewer-address header is then never believed. */
  readonly originVerifySecretId: string | undefined;
  readonly maxUploadBytes: number;
  readonly sesConfigurationSet: string | undefined;
  /** Which addresses email may come from (`domain/senders.ts`); required where senders are used. */
  readonly senderIdentity: SenderIdentity;
  readonly s3ForcePathStyle: boolean;
  readonly serviceName: string;
  /** The preview renderer's function name (recipient function only). */
  readonly rendererFunctionName: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads `env` once; required values throw a ConfigError naming the variable when first used. */
export function readConfig(env: Record<string, string | undefined>): Config {
  const values = Object.fromEntries(Object.entries(ENV).map(([key, name]) => [key, env[name] || undefined])) as Record<
    EnvKey,
    string | undefined
  >;
  const required = (key: EnvKey): string => {
    const value = values[key];
    if (value === undefined) throw new ConfigError(`Missing environment variable ${ENV[key]}`);
    return value;
  };
  let uploadLimit: number | undefined;
  let identity: SenderIdentity | undefined;
  return {
    get tableName() {
      return required('tableName');
    },
    get filesBucket() {
      return required('filesBucket');
    },
    get publicBaseUrl() {
      return required('publicBaseUrl');
    },
    get signingKeySource() {
      if (values.signingKeySecretId) return { secretId: values.signingKeySecretId };
      if (values.signingKeyFile) return { file: values.signingKeyFile };
      throw new ConfigError(`Set ${ENV.signingKeySecretId} (deployed) or ${ENV.signingKeyFile} (local)`);
    },
    originVerifySecretId: values.originVerifySecretId,
    get maxUploadBytes() {
      return (uploadLimit ??= uploadLimitFrom(values.maxUploadBytes));
    },
    sesConfigurationSet: values.sesConfigurationSet,
    get senderIdentity() {
      const raw = required('senderIdentity');
      identity ??= parseSenderIdentity(raw);
      if (!identity) throw new ConfigError(`${ENV.senderIdentity} must be local, off, address:<email> or domain:<domain>, not "${raw}"`);
      return identity;
    },
    s3ForcePathStyle: values.s3ForcePathStyle === '1',
    serviceName: values.serviceName ?? SERVICE_NAME,
    get rendererFunctionName() {
      return required('rendererFunctionName');
    },
  };
}

let cached: Config | undefined;
/** This function's configuration, read on first use and kept for the life of the process. */
export const config = (): Config => (cached ??= readConfig(process.env));

/** Forgets the configuration read so far, as a new cold start would (tests that change the environment). */
export function resetConfig(): void {
  cached = undefined;
}
