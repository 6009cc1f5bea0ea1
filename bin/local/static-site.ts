/**
 * The web app as CloudFront serves it: `/` is index.html, `/s/<shareId>` is share.html and
 * `/r/<requestId>` request.html (the CloudFront Functions' rewrites), every other path a file of the build, never
 * outside it. The caller passes the security headers CloudFront's response headers policy adds.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Builds the web app with web/build.ts, or writes placeholder pages while that file does not exist yet. */
export async function buildSite(options: { repoRoot: string; outDir: string; log: (line: string) => void }): Promise<void> {
  const buildScript = path.join(options.repoRoot, 'web', 'build.ts');
  if (existsSync(buildScript)) {
    const { buildWeb } = (await import(pathToFileURL(buildScript).href)) as {
      buildWeb: (options: { outDir: string; minify?: boolean }) => Promise<void>;
    };
    await buildWeb({ outDir: options.outDir, minify: false });
    return;
  }
  options.log('web/build.ts does not exist yet: serving placeholder pages');
  await mkdir(options.outDir, { recursive: true });
  const page = (title: string) =>
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><p>${title}: the web app is not built yet (web/build.ts is missing).</p></body></html>\n`;
  await writeFile(path.join(options.outDir, 'index.html'), page('ShareLink'));
  await writeFile(path.join(options.outDir, 'share.html'), page('ShareLink shared files'));
  await writeFile(path.join(options.outDir, 'request.html'), page('ShareLink file request'));
}

/** Maps a URL path to a file of the build, or undefined for paths that leave it or name nothing. */
function fileFor(webDir: string, pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/index.html') return path.join(webDir, 'index.html');
  if (pathname.startsWith('/s/')) return path.join(webDir, 'share.html');
  if (pathname.startsWith('/r/')) return path.join(webDir, 'request.html');
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const file = path.resolve(webDir, `.${path.posix.normalize(decoded)}`);
  return file.startsWith(webDir + path.sep) ? file : undefined;
}

export function createStaticSite(options: { webDir: string; securityHeaders: Record<string, string> }) {
  const webDir = path.resolve(options.webDir);

  return async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }
    const file = fileFor(webDir, url.pathname);
    const info = file ? await stat(file).catch(() => undefined) : undefined;
    if (!file || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...options.securityHeaders });
      res.end('Not Found\n');
      return;
    }
    const extension = path.extname(file).toLowerCase();
    // esbuild names hashed outputs `name-XXXXXXXX.ext`; anything else may change under the same URL.
    const hashedAsset = url.pathname.startsWith('/assets/') && /-[A-Za-z0-9]{8,}\.[a-z0-9]+$/.test(url.pathname);
    res.writeHead(200, {
      'content-type': contentTypes[extension] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...options.securityHeaders,
    });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  };
}
