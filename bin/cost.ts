/**
 * `npm run cost`: synthesizes a tenant stack (default options, no bundling) and rewrites the
 * generated tables of docs/cost.md from it (infra/cost.ts): the resources with a fixed monthly
 * price, and the usage of 1,000 recipient visits. `--check` only says whether they are current.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTenantStack, createApp } from '../infra/app.js';
import { readTenantConfig } from '../infra/config.js';
import { costTables, generatedBlock, markers, withGeneratedBlock, type Template } from '../infra/cost.js';

export const costDocument = fileURLToPath(new URL('../docs/cost.md', import.meta.url));

/** The CloudFormation template of a tenant with these context values, synthesized without bundling. */
export function tenantTemplate(context: Record<string, string> = { tenant: 'cost' }): Template {
  const dir = mkdtempSync(path.join(tmpdir(), 'sharelink-cost-'));
  try {
    // The web app's files are an asset only; their content does not change what is billed.
    const webDir = path.join(dir, 'web');
    mkdirSync(webDir);
    for (const page of ['index.html', 'share.html']) writeFileSync(path.join(webDir, page), '');
    const app = createApp({ outdir: path.join(dir, 'out'), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = addTenantStack(
      app,
      readTenantConfig((key) => context[key]),
      { webAssetDir: webDir },
    );
    return app.synth().getStackByName(stack.stackName).template as Template;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  const tables = costTables(tenantTemplate());
  const current = readFileSync(costDocument, 'utf8');
  const updated = withGeneratedBlock(withGeneratedBlock(current, markers.fixed, tables.fixed), markers.visits, tables.visits);
  const stale = generatedBlock(current, markers.fixed) !== tables.fixed || generatedBlock(current, markers.visits) !== tables.visits;
  console.log(`idle tenant: USD ${tables.idleUsd.toFixed(2)} per month; 1,000 recipient visits: USD ${tables.perThousandUsd.toFixed(4)}`);
  if (process.argv.includes('--check')) {
    if (stale) {
      console.error('docs/cost.md is out of date: run npm run cost');
      process.exitCode = 1;
    }
    return;
  }
  if (stale) writeFileSync(costDocument, updated);
  console.log(stale ? 'updated docs/cost.md' : 'docs/cost.md is current');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
