import { useCallback, useRef, useState } from 'preact/hooks';
import { messageOf } from './http.js';

/** A list the API hands out page by page, as shown so far. */
export interface PagedList<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface PagedListOptions {
  /** Words a failure for the people reading the list (default: the API's message). */
  describeError?: (error: unknown) => string;
  /** Sees a failure first; true when it was dealt with elsewhere (the session ended), so no error shows. */
  onError?: (error: unknown) => boolean;
}

/**
 * State for a list loaded page by page. `load(null, fetchPage)` starts over; `load(cursor,
 * fetchPage)` appends what `fetchPage` gets for `cursor`. Each load gets a number, and the answer to one that
 * a newer load overtook (another folder, another filter) is dropped, so a slow page never lands
 * in the wrong list. A failure keeps what was shown and sets `error` in words.
 */
export function usePagedList<T>(options: PagedListOptions = {}) {
  const [list, setList] = useState<PagedList<T>>({ items: [], nextCursor: null, loading: true });
  const latest = useRef(0);
  // Read at failure time, so callers may pass new functions on every render.
  const current = useRef(options);
  current.current = options;

  const load = useCallback(async (cursor: string | null, fetchPage: () => Promise<Page<T>>) => {
    const mine = ++latest.current;
    setList((shown) => ({ ...(cursor ? shown : { items: [], nextCursor: null }), loading: true, error: undefined }));
    try {
      const page = await fetchPage();
      if (mine !== latest.current) return;
      setList((shown) => ({ items: [...(cursor ? shown.items : []), ...page.items], nextCursor: page.nextCursor ?? null, loading: false }));
    } catch (error) {
      if (mine !== latest.current) return;
      const handled = current.current.onError?.(error) ?? false;
      const describe = current.current.describeError ?? messageOf;
      setList((shown) => ({ ...shown, loading: false, error: handled ? undefined : describe(error) }));
    }
  }, []);

  return [list, load] as const;
}
