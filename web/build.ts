/**
 * Builds the static web app: `index.html` (owner app), `share.html` (recipient page for
 * /s/<id>), `request.html` (uploader page of file requests, /r/<id>) and `assets/*`
 * (content-hashed JS, CSS, icon). The pages are separate esbuild builds, so the public pages
 * never load owner code; the recipient page is split (its viewers, Markdown and client-zip load
 * on demand, `share-chunk-*.js`), so its first paint loads only what the file list needs.
 * Styles come in sheets: base (every page), owner (index.html), recipient (share.html) and
 * request (request.html), so no page downloads another's rules. Breakpoints are named once in
 * `src/styles/breakpoints.css` and put in place here. No inline scripts or styles: the pages
 * only reference files under /assets/. The API's OpenAPI document goes to `api/openapi.json`.
 *
 * Script use: `npx tsx web/build.ts <outDir> [--no-minify]`.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { openApiFileIn, writeOpenApiDocument } from '../bin/openapi.js';

export interface BuildWebOptions {
  outDir: string;
  /** Defaults to true; false keeps the bundles readable while debugging. */
  minify?: boolean;
}

const srcDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');
const stylesDir = path.join(srcDir, 'styles');

const entries = {
  app: path.join(srcDir, 'owner', 'main.tsx'),
  request: path.join(srcDir, 'request', 'main.tsx'),
  base: path.join(stylesDir, 'base.css'),
  owner: path.join(stylesDir, 'owner.css'),
  recipient: path.join(stylesDir, 'recipient.css'),
  uploader: path.join(stylesDir, 'request.css'),
};

/** `@custom-media --name (query);` definitions, by name. */
export function customMediaOf(css: string): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const match of css.matchAll(/@custom-media\s+(--[\w-]+)\s+([^;]+);/g)) definitions.set(match[1]!, match[2]!.trim());
  return definitions;
}

/**
 * Puts each named breakpoint's query in place of `(--name)` in a sheet's @media rules. A raw
 * width, an unknown name or a breakpoint defined outside breakpoints.css fails the build, so
 * every sheet keeps to the one set.
 */
export function expandBreakpoints(css: string, breakpoints: Map<string, string>, file: string): string {
  if (/@custom-media\b/.test(css)) throw new Error(`${file}: define breakpoints only in styles/breakpoints.css`);
  return css.replace(/@media([^{]+)\{/g, (rule, prelude: string) => {
    if (/\b(min|max)-(width|height)\b/.test(prelude)) {
      throw new Error(`${file}: "@media${prelude.trimEnd()}" uses a raw size; use a breakpoint from styles/breakpoints.css`);
    }
    return rule.replace(/\((--[\w-]+)\)/g, (_whole, name: string) => {
      const query = breakpoints.get(name);
      if (!query)
        throw new Error(`${file}: unknown breakpoint ${name} (styles/breakpoints.css defines ${[...breakpoints.keys()].join(', ')})`);
      return query;
    });
  });
}

const breakpointsPlugin: Plugin = {
  name: 'breakpoints',
  setup(pluginBuild) {
    let breakpoints: Promise<Map<string, string>> | undefined;
    pluginBuild.onLoad({ filter: /\.css$/ }, async (args) => {
      breakpoints ??= readFile(path.join(stylesDir, 'breakpoints.css'), 'utf8').then(customMediaOf);
      const css = await readFile(args.path, 'utf8');
      return { contents: expandBreakpoints(css, await breakpoints, path.relative(srcDir, args.path)), loader: 'css' };
    });
  },
};

/** The recipient page's script: built on its own, split. */
const shareEntry = path.join(srcDir, 'share', 'main.tsx');
type EntryName = keyof typeof entries | 'share';

/** Maps each entry name to the URL of its hashed output file (`/assets/app-XXXX.js`). */
function assetUrls(metafile: Metafile, outDir: string): Record<EntryName, string> {
  const all: Record<EntryName, string> = { ...entries, share: shareEntry };
  const urls: Partial<Record<EntryName, string>> = {};
  for (const [outFile, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const entryPath = path.resolve(output.entryPoint);
    const name = (Object.keys(all) as EntryName[]).find((key) => all[key] === entryPath);
    if (name) urls[name] = '/' + path.relative(outDir, path.resolve(outFile)).split(path.sep).join('/');
  }
  for (const name of Object.keys(all) as EntryName[]) {
    if (!urls[name]) throw new Error(`web build: no output for entry "${name}"`);
  }
  return urls as Record<EntryName, string>;
}

/**
 * What a page loads before its first paint: its script and every chunk that script imports
 * statically (recursively); chunks behind `import()` load on demand and are left out.
 */
export function firstLoadScripts(metafile: Metafile, entryOutput: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryOutput);
  return [...seen];
}

function page(options: { title: string; script: string; css: string[]; loading: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${options.title}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${options.css.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
<script type="module" src="${options.script}"></script>
</head>
<body>
<div id="app"><p class="boot">${options.loading}</p></div>
<noscript><p class="boot">ShareLink needs JavaScript. Please enable it and reload the page.</p></noscript>
</body>
</html>
`;
}

/** The build's outputs, for measuring (bin/bench) and tests: the recipient page's metafile and its script. */
export interface WebBuild {
  shareMetafile: Metafile;
  /** The recipient page's entry, as a metafile output path. */
  shareOutput: string;
}

export async function buildWeb(options: BuildWebOptions): Promise<WebBuild> {
  const outDir = path.resolve(options.outDir);
  const assetsDir = path.join(outDir, 'assets');
  const minify = options.minify ?? true;
  // Hashed names change every build; start clean so old bundles do not pile up.
  await rm(assetsDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });

  const shared = {
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
    plugins: [breakpointsPlugin],
  } satisfies BuildOptions;
  const result = await build({ ...shared, entryPoints: entries });
  // Split: chunks only ever shared within the recipient page, never with the owner app.
  const share = await build({ ...shared, entryPoints: { share: shareEntry }, splitting: true, chunkNames: 'share-chunk-[hash]' });
  const urls = assetUrls({ inputs: {}, outputs: { ...result.metafile.outputs, ...share.metafile.outputs } }, outDir);

  await copyFile(path.join(srcDir, 'favicon.svg'), path.join(assetsDir, 'favicon.svg'));
  await writeFile(
    path.join(outDir, 'index.html'),
    page({ title: 'ShareLink', script: urls.app, css: [urls.base, urls.owner], loading: 'Loading ShareLink…' }),
  );
  await writeFile(
    path.join(outDir, 'share.html'),
    page({ title: 'Shared files · ShareLink', script: urls.share, css: [urls.base, urls.recipient], loading: 'Opening the shared link…' }),
  );
  await writeFile(
    path.join(outDir, 'request.html'),
    page({ title: 'Send files · ShareLink', script: urls.request, css: [urls.base, urls.uploader], loading: 'Opening the upload link…' }),
  );
  // The API's OpenAPI document ships with the site (served at /api/openapi.json).
  await writeOpenApiDocument(openApiFileIn(outDir));
  const shareOutput = Object.entries(share.metafile.outputs).find(
    ([, output]) => output.entryPoint && path.resolve(output.entryPoint) === shareEntry,
  )![0];
  return { shareMetafile: share.metafile, shareOutput };
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
