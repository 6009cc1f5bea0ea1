/**
 * What one start of the local runtime remembers for the next: the ids cognito-local
 * generated and its port (the token issuer contains it, so keeping it keeps browsers
 * signed in across restarts), and the HMAC signing key, generated once.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface LocalState {
  userPoolId?: string;
  userPoolClientId?: string;
  cognitoPort?: number;
}

const stateFile = (dataDir: string) => path.join(dataDir, 'state.json');

export async function readState(dataDir: string): Promise<LocalState> {
  try {
    return JSON.parse(await readFile(stateFile(dataDir), 'utf8')) as LocalState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`Cannot read ${stateFile(dataDir)}: ${String(error)}`, { cause: error });
  }
}

export async function writeState(dataDir: string, state: LocalState): Promise<void> {
  await writeFile(stateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`);
}

/** The HMAC key file (32 random bytes, base64), created on first start and kept. Returns its path. */
export async function ensureSigningKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'signing-key');
  try {
    await writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return file;
}
