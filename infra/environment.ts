/**
 * A function's environment: exactly the variables `contract/environment.ts` says its needs
 * call for, with the values of this stack. Plain data: no aws-cdk-lib import.
 */
import { ENV, environmentKeysFor, type EnvKey, type EnvironmentNeeds } from '../functions/lib/contract/environment.js';

export function environmentFor(needs: EnvironmentNeeds, values: Partial<Record<EnvKey, string>>): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const key of environmentKeysFor(needs)) {
    const value = values[key];
    if (value === undefined) throw new Error(`No value for ${ENV[key]}, which a function with these needs reads: ${JSON.stringify(needs)}`);
    environment[ENV[key]] = value;
  }
  return environment;
}
