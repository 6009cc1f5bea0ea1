/**
 * Environment every handler reads. Locally, endpoints come from the SDK's own
 * AWS_ENDPOINT_URL_<SERVICE> variables, so the clients below are the deployed ones.
 */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

/** The origin share links point at (CloudFront or the custom domain; the local runtime's URL). */
export const publicBaseUrl = () => requiredEnv('PUBLIC_BASE_URL');
