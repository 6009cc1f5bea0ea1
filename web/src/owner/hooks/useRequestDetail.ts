import { useCallback, useEffect, useState } from 'preact/hooks';
import { isMissing } from '../../common/http.js';
import { cancelFileRequest, getFileRequest, updateFileRequest } from '../api.js';
import { t } from '../i18n/index.js';
import type { FileRequestDetail, FileRequestUpdate } from '../types.js';
import { problemText } from '../lib/problems.js';

export type LoadedRequest =
  { state: 'loading' } | { state: 'missing' } | { state: 'error'; message: string } | { state: 'ready'; request: FileRequestDetail };

/** One file request as its page shows it: loaded by id (404 is "missing"), changed, cancelled, with the last change confirmed. */
export function useRequestDetail(id: string) {
  const [loaded, setLoaded] = useState<LoadedRequest>({ state: 'loading' });
  const [notice, setNotice] = useState<string>();

  const load = useCallback(async () => {
    try {
      setLoaded({ state: 'ready', request: await getFileRequest(id) });
    } catch (error) {
      setLoaded(isMissing(error) ? { state: 'missing' } : { state: 'error', message: problemText(error) });
    }
  }, [id]);

  useEffect(() => {
    setLoaded({ state: 'loading' });
    setNotice(undefined);
    void load();
  }, [load]);

  /** Sends a change; resolves with the refusal in words, or undefined when it worked. */
  const apply = async (body: FileRequestUpdate, done: string): Promise<string | undefined> => {
    try {
      await updateFileRequest(id, body);
      await load();
      setNotice(done);
      return undefined;
    } catch (error) {
      setNotice(undefined);
      return problemText(error);
    }
  };

  const cancel = async (): Promise<string | undefined> => {
    try {
      await cancelFileRequest(id);
      await load();
      setNotice(t('hooks.requestCancelled'));
      return undefined;
    } catch (error) {
      return problemText(error);
    }
  };

  return { loaded, notice, load, apply, cancel };
}
