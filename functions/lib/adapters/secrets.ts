import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A secret's value, fetched on first use and kept for the life of the process (one fetch per cold start). */
export type Secret = () => Promise<string>;

/** Caches the first successful load; a failed load is retried on the next call. */
export function cachedSecret(load: () => Promise<string>): Secret {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= load().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

/** A Secrets Manager secret's string value (deployed). */
export function secretsManagerSecret(client: () => SecretsManagerClient, secretId: string): Secret {
  return cachedSecret(async () => {
    const { SecretString } = await client().send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`The secret ${secretId} is empty`);
    return SecretString;
  });
}

/** A secret kept in a local file (the local runtime). */
export function fileSecret(file: string): Secret {
  return cachedSecret(async () => (await readFile(file, 'utf8')).trim());
}
