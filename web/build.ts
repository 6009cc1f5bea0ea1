/**
 * Builds the static web app: `index.html` (owner app), `share.html` (recipient page for
 * /s/<id>) and `assets/*` (content-hashed JS, CSS, icon). The two pages are separate
 * esbuild entries without code splitting, so the recipient page never loads owner code.
 * No inline scripts or styles: the pages only reference files under /assets/.
 *
 * Script use: `npx tsx web/build.ts <outDir> [--no-minify]`.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

export interface BuildWebOptions {
  outDir: string;
  /** Defaults to true; false keeps the bundles readable while debugging. */
  minify?: boolean;
}

const srcDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');

const entries = {
  app: path.join(srcDir, 'owner', 'main.tsx'),
  share: path.join(srcDir, 'share', 'main.tsx'),
  styles: path.join(srcDir, 'styles.css'),
};

/** Maps each entry name to the URL of its hashed output file (`/assets/app-XXXX.js`). */
function assetUrls(metafile: Metafile, outDir: string): Record<keyof typeof entries, string> {
  const urls: Partial<Record<keyof typeof entries, string>> = {};
  for (const [outFile, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const entryPath = path.resolve(output.entryPoint);
    const name = (Object.keys(entries) as (keyof typeof entries)[]).find((key) => entries[key] === entryPath);
    if (name) urls[name] = '/' + path.relative(outDir, path.resolve(outFile)).split(path.sep).join('/');
  }
  for (const name of Object.keys(entries) as (keyof typeof entries)[]) {
    if (!urls[name]) throw new Error(`web build: no output for entry "${name}"`);
  }
  return urls as Record<keyof typeof entries, string>;
}

function page(options: { title: string; script: string; css: string; loading: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${options.title}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${options.css}">
<script type="module" src="${options.script}"></script>
</head>
<body>
<div id="app"><p class="boot">${options.loading}</p></div>
<noscript><p class="boot">ShareLink needs JavaScript. Please enable it and reload the page.</p></noscript>
</body>
</html>
`;
}

export async function buildWeb(options: BuildWebOptions): Promise<void> {
  const outDir = path.resolve(options.outDir);
  const assetsDir = path.join(outDir, 'assets');
  const minify = options.minify ?? true;
  // Hashed names change every build; start clean so old bundles do not pile up.
  await rm(assetsDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });

  const result = await build({
    entryPoints: entries,
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify,
    sourcemap: 'linked',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // tsconfig.json is for Node (nodenext); the browser bundle only needs the JSX settings above.
    tsconfigRaw: { compilerOptions: { jsx: 'react-jsx', jsxImportSource: 'preact', verbatimModuleSyntax: true } },
  });
  const urls = assetUrls(result.metafile, outDir);

  await copyFile(path.join(srcDir, 'favicon.svg'), path.join(assetsDir, 'favicon.svg'));
  await writeFile(
    path.join(outDir, 'index.html'),
    page({ title: 'ShareLink', script: urls.app, css: urls.styles, loading: 'Loading ShareLink…' }),
  );
  await writeFile(
    path.join(outDir, 'share.html'),
    page({ title: 'Shared files · ShareLink', script: urls.share, css: urls.styles, loading: 'Opening the shared link…' }),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: tsx web/build.ts <outDir> [--no-minify]');
    process.exit(2);
  }
  await buildWeb({ outDir, minify: !process.argv.includes('--no-minify') });
  console.log(`web app built into ${path.resolve(outDir)}`);
}
