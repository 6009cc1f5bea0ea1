import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every project: unit (domain without mocks, adapters with
 * aws-sdk-client-mock), fuzz (every route with generated and hostile requests), infra (CDK template assertions + cdk-nag), and e2e (integration
 * over HTTP and browser tests) against one local runtime started by the global setup.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          // Property-based fuzzing of every route in-process (test/fuzz); `npm run fuzz` for a long run.
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          environment: 'node',
          testTimeout: 3_600_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          // One runtime, one tenant policy: files that change the policy must not overlap others.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
