import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lambdaBundling } from '../../infra/bundling.js';

const functionsDir = path.resolve('functions');
const sources = (readdirSync(functionsDir, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => path.join(functionsDir, file));

describe('what goes into every Lambda bundle', () => {
  it("validates with zod/mini, zod's tree-shakable form (about 27 KB per function instead of 90 KB; `{ z } from 'zod'` adds every locale too)", () => {
    const offenders = sources.filter((file) => /from\s*'zod(\/v4)?'/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
    expect(sources.filter((file) => readFileSync(file, 'utf8').includes("from 'zod/mini'")).length).toBeGreaterThan(5);
  });

  it('loads one zod locale (English) for the messages no schema words itself, not all of them', () => {
    const offenders = sources.filter(
      (file) =>
        /zod\/(v4\/)?locales['/]/.test(readFileSync(file, 'utf8')) &&
        !/import \{ en \} from 'zod\/v4\/locales'/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('leaves out only the credential providers the SDK loads lazily when the environment has no credentials', () => {
    expect(lambdaBundling.external.length).toBeGreaterThan(0);
    for (const name of lambdaBundling.external) {
      expect(name).toMatch(/^@(aws-sdk|smithy)\/(credential-provider-|token-providers$|nested-clients$)/);
    }
    // The default chain reaches each of them through import(), never a static import.
    const chain = readFileSync(path.resolve('node_modules/@aws-sdk/credential-provider-node/dist-es/defaultProvider.js'), 'utf8');
    for (const name of [
      '@aws-sdk/credential-provider-sso',
      '@aws-sdk/credential-provider-ini',
      '@aws-sdk/credential-provider-process',
      '@aws-sdk/credential-provider-web-identity',
    ]) {
      expect(chain).toContain(`await import("${name}")`);
    }
  });
});
