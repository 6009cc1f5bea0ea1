/** The floor plus the Secrets Manager client, which the deployed recipient uses for its signing key and origin secret. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { floorHandler, type FloorEvent } from './recipient-sdk.js';

let secrets: SecretsManagerClient | undefined;

export const handler = async (event: FloorEvent & { secretId?: string }) => {
  if (event.secretId) await (secrets ??= new SecretsManagerClient({})).send(new GetSecretValueCommand({ SecretId: event.secretId }));
  return floorHandler(event);
};
