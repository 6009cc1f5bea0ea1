import { useCallback, useEffect, useState } from 'preact/hooks';
import { isMissing } from '../../common/http.js';
import { cancelShare, getShare, updateShare } from '../api.js';
import { t } from '../i18n/index.js';
import type { Share, ShareUpdate, UpdatedShare } from '../types.js';
import { problemText } from '../lib/problems.js';

export type LoadedShare =
  { state: 'loading' } | { state: 'missing' } | { state: 'error'; message: string } | { state: 'ready'; share: Share };

/** What the owner asked to change, and the sentence that confirms it worked. */
export interface ShareChange {
  body: ShareUpdate;
  done: string;
}

/** Sends one change; resolves with the updated link, or with the API's refusal in words. */
export type ApplyChange = (change: ShareChange) => Promise<UpdatedShare | string>;

/**
 * One link as its page shows it: loaded by id (a 404 is "missing", not an error), changed
 * through `apply`, cancelled through `cancel`, with the sentence confirming the last change.
 */
export function useShareDetail(id: string) {
  const [loaded, setLoaded] = useState<LoadedShare>({ state: 'loading' });
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    setLoaded({ state: 'loading' });
    try {
      setLoaded({ state: 'ready', share: await getShare(id) });
    } catch (error) {
      setLoaded(isMissing(error) ? { state: 'missing' } : { state: 'error', message: problemText(error) });
    }
  }, [id]);

  useEffect(() => {
    setNotice(undefined);
    void load();
  }, [load]);

  const apply: ApplyChange = async (change) => {
    try {
      const updated = await updateShare(id, change.body);
      const { password: _password, ...rest } = updated;
      setLoaded({ state: 'ready', share: rest });
      setNotice(change.done);
      return updated;
    } catch (error) {
      setNotice(undefined);
      return problemText(error);
    }
  };

  /** Cancels the link and shows it as it now is; resolves with the API's refusal in words. */
  const cancel = async (): Promise<Share | string> => {
    try {
      await cancelShare(id);
      const fresh = await getShare(id);
      setLoaded({ state: 'ready', share: fresh });
      setNotice(t('hooks.linkCancelled'));
      return fresh;
    } catch (error) {
      return problemText(error);
    }
  };

  return { loaded, notice, load, apply, cancel };
}
