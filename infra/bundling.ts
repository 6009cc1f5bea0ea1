/**
 * The esbuild settings for every Lambda bundle. `infra/` hands them to NodejsFunction and
 * the local runtime hands them to esbuild directly, so `npm start` runs the bundles that
 * would be deployed. Plain data: importing this file does not load aws-cdk-lib.
 */
export const lambdaRuntime = 'nodejs24.x';

export const lambdaBundling = {
  target: 'node24',
  format: 'esm' as const,
  platform: 'node' as const,
  minify: true,
  sourcemap: true,
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
    mainFields: lambdaBundling.mainFields,
    banner: { js: lambdaBundling.banner },
    external: lambdaBundling.external,
    logLevel: 'warning' as const,
  };
}
