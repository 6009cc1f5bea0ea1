import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes: `#/files/<folder path>`, `#/links`, `#/links/<share id>`, `#/requests`,
 * `#/requests/<request id>`, `#/admin` and `#/settings`. The folder and the link are in the URL so the browser's Back button works
 * and a link's page can be reloaded or bookmarked.
 */
export type Route =
  | { view: 'files'; prefix: string }
  | { view: 'links' }
  | { view: 'link'; id: string }
  | { view: 'requests' }
  | { view: 'request'; id: string }
  | { view: 'admin' }
  | { view: 'settings' };

export type View = Route['view'];

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path === 'links' || path === 'links/') return { view: 'links' };
  if (path.startsWith('links/')) {
    const id = safeDecode(path.slice('links/'.length).split('/')[0] ?? '');
    return id ? { view: 'link', id } : { view: 'links' };
  }
  if (path === 'requests' || path === 'requests/') return { view: 'requests' };
  if (path.startsWith('requests/')) {
    const id = safeDecode(path.slice('requests/'.length).split('/')[0] ?? '');
    return id ? { view: 'request', id } : { view: 'requests' };
  }
  if (path === 'admin' || path.startsWith('admin/')) return { view: 'admin' };
  if (path === 'settings' || path.startsWith('settings/')) return { view: 'settings' };
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

export function linkHref(id: string): string {
  return `#/links/${encodeURIComponent(id)}`;
}

export function requestHref(id: string): string {
  return `#/requests/${encodeURIComponent(id)}`;
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
