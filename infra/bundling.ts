/**
 * The esbuild settings for every Lambda bundle. `infra/` hands them to NodejsFunction and
 * the local runtime hands them to esbuild directly, so `npm start` runs the bundles that
 * would be deployed. Plain data: importing this file does not load aws-cdk-lib.
 */
import { fileURLToPath } from 'node:url';

export const lambdaRuntime = 'nodejs24.x';

/**
 * The Node options every function runs with: NODE_OPTIONS when deployed, the local Lambda
 * host's flags, the bench's cold starts. None: `--enable-source-maps` would parse the source
 * map on every cold start (about 15% of the import, docs/performance.md); the logger maps a
 * stack to the TypeScript sources only when it logs an error (functions/lib/stack-traces.ts).
 */
export const lambdaNodeOptions: readonly string[] = [];

/**
 * `node:http` is imported (by middy, for STATUS_CODES) through a CommonJS require instead of
 * an ESM import: Node's ESM facade of `node:http` reads every export, which loads undici
 * (about 40 ms of every cold start). The shim (functions/lib/node-http.ts) has only the
 * exports the bundles use; a new one fails the build until it is added there.
 */
const nodeHttpShim = fileURLToPath(new URL('../functions/lib/node-http.ts', import.meta.url));
const nodeProcessShim = fileURLToPath(new URL('../functions/lib/node-process.ts', import.meta.url));
const nodeNetShim = fileURLToPath(new URL('../functions/lib/node-net.ts', import.meta.url));
export const lambdaAlias: Record<string, string> = {
  'node:http': nodeHttpShim,
  http: nodeHttpShim,
  'node:process': nodeProcessShim,
  process: nodeProcessShim,
  'node:net': nodeNetShim,
  net: nodeNetShim,
};

export const lambdaBundling = {
  target: 'node24',
  format: 'esm' as const,
  platform: 'node' as const,
  minify: true,
  sourcemap: true,
  /** The map names files and lines; the sources themselves are in the repository (a 2.5 MB map becomes 0.8 MB). */
  sourcesContent: false,
  mainFields: ['module', 'main'],
  /** Some CommonJS dependencies call require(); give ESM bundles one. */
  banner: "import { createRequire as __slCreateRequire } from 'node:module'; const require = __slCreateRequire(import.meta.url);",
  /**
   * The AWS SDK is bundled (pinned, tree-shaken), not taken from the runtime, except the
   * credential providers the default chain loads with a dynamic import() only when no
   * credentials are in the environment. Lambda (and the local runtime) always put them there,
   * so these imports never run; leaving them out saves ~100 KB per function and its cold-start
   * parse time (docs/performance.md).
   */
  external: [
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@aws-sdk/credential-provider-login',
    '@aws-sdk/token-providers',
    '@aws-sdk/nested-clients',
    '@smithy/credential-provider-imds',
  ] as string[],
};

/** Options for esbuild.build() that produce the same bundle NodejsFunction would. */
export function esbuildOptionsFor(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: lambdaBundling.platform,
    format: lambdaBundling.format,
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourcemap,
    sourcesContent: lambdaBundling.sourcesContent,
    mainFields: lambdaBundling.mainFields,
    alias: lambdaAlias,
    banner: { js: lambdaBundling.banner },
    external: lambdaBundling.external,
    logLevel: 'warning' as const,
  };
}
