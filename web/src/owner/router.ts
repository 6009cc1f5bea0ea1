import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes: `#/files/<folder path>` and `#/links`. The folder is in the URL so the
 * browser's Back button walks back up the breadcrumbs.
 */
export type Route = { view: 'files'; prefix: string } | { view: 'links' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'links' || path.startsWith('links/')) return { view: 'links' };
  if (path === 'files' || path.startsWith('files/')) {
    const segments = path.slice('files'.length).split('/').filter(Boolean);
    const prefix = segments.map((segment) => `${safeDecode(segment)}/`).join('');
    return { view: 'files', prefix };
  }
  return { view: 'files', prefix: '' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function filesHref(prefix: string): string {
  const segments = prefix.split('/').filter(Boolean).map(encodeURIComponent);
  return `#/files/${segments.map((segment) => `${segment}/`).join('')}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
