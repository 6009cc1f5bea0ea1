import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SigningKeySource } from '../domain/ports.js';

let cached: Promise<Buffer> | undefined;
let secrets: SecretsManagerClient | undefined;

async function load(): Promise<Buffer> {
  const secretId = process.env.SIGNING_KEY_SECRET_ID;
  if (secretId) {
    secrets ??= new SecretsManagerClient({});
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error('The signing key secret is empty');
    return Buffer.from(SecretString, 'utf8');
  }
  const file = process.env.SIGNING_KEY_FILE;
  if (!file) throw new Error('Set SIGNING_KEY_SECRET_ID (deployed) or SIGNING_KEY_FILE (local)');
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'utf8');
}

/** The HMAC key, fetched once per cold start (a failed fetch is retried on the next call). */
export const signingKey: SigningKeySource = () => {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
};
