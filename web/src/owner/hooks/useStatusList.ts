import { useCallback, useEffect, useState } from 'preact/hooks';
import { usePagedList, type Page } from '../../common/usePagedList.js';
import { problemText } from '../lib/problems.js';
import type { ShareStatus } from '../types.js';

export type StatusFilter = 'all' | ShareStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'active', 'expired', 'cancelled'];

/**
 * An owner's list of links or file requests: paged, filtered by status, its active rows
 * selectable for a bulk cancel. `fetchPage` must keep its identity (a module-level function).
 */
export function useStatusList<T extends { id: string; status: ShareStatus }>(
  fetchPage: (status: StatusFilter, cursor: string | null) => Promise<Page<T>>,
) {
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [listing, loadPage] = usePagedList<T>({ describeError: problemText });
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<string>();

  const load = useCallback(
    (status: StatusFilter, cursor: string | null) => loadPage(cursor, () => fetchPage(status, cursor)),
    [loadPage, fetchPage],
  );

  useEffect(() => {
    setSelected([]);
    setNotice(undefined);
    void load(filter, null);
  }, [filter, load]);

  const cancellable = listing.items.filter((item) => item.status === 'active');
  return {
    filter,
    setFilter,
    listing,
    reload: () => load(filter, null),
    loadMore: () => load(filter, listing.nextCursor),
    selected,
    isSelected: (id: string) => selected.includes(id),
    toggle: (id: string, on: boolean) => setSelected((ids) => (on ? [...ids, id] : ids.filter((other) => other !== id))),
    cancellable,
    allSelected: cancellable.length > 0 && cancellable.every((item) => selected.includes(item.id)),
    selectAll: (on: boolean) => setSelected(on ? cancellable.map((item) => item.id) : []),
    notice,
    /** After a cancel: the ids leave the selection, `text` is shown, and the first page loads again. */
    async cancelled(ids: string[], text: string) {
      setNotice(text);
      setSelected((current) => current.filter((id) => !ids.includes(id)));
      await load(filter, null);
    },
  };
}
