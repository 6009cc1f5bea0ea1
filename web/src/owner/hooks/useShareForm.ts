import { useEffect, useReducer } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { createShare } from '../api.js';
import { initialShareForm, shareFormReducer, shareRequestOf } from '../lib/share-form.js';
import type { SelectedItem, SharePolicy } from '../types.js';
import { problemText } from '../lib/problems.js';

/** The share dialog's form: its state, its changes, and submitting it to create the link. */
export function useShareForm(items: SelectedItem[], policy: SharePolicy | undefined) {
  const [form, dispatch] = useReducer(shareFormReducer, undefined, () => initialShareForm(items, policy));
  const maxDays = policy?.maxExpiryDays ?? null;

  useEffect(() => {
    dispatch({ type: 'policy', defaultDays: policy?.defaultExpiryDays, maxDays });
  }, [policy?.defaultExpiryDays, maxDays]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = shareRequestOf(form, items, policy);
    if ('problem' in result) {
      dispatch({ type: 'invalid', error: result.problem, recipients: result.recipients });
      return;
    }
    dispatch({ type: 'submitting', recipients: result.recipients });
    try {
      dispatch({ type: 'created', created: await createShare(result.request) });
    } catch (caught) {
      dispatch({ type: 'refused', error: problemText(caught), code: caught instanceof ApiError ? caught.code : undefined });
    }
  };

  return { form, dispatch, submit };
}
