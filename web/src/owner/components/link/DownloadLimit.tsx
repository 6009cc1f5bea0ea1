import { useState } from 'preact/hooks';
import { useShareChange } from '../../hooks/useShareChange.js';
import type { SettingProps } from './LinkSettings.js';

/** The download limit: shown with the count used, set, changed or removed in place. */
export function DownloadLimit({ share, editable, apply }: SettingProps) {
  const limit = share.maxDownloads ?? null;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const { busy, error, setError, send } = useShareChange(apply);

  const open = () => {
    setValue(limit === null ? '' : String(limit));
    setError(undefined);
    setEditing(true);
  };
  const save = async (maxDownloads: number | null) => {
    const updated = await send({
      body: { maxDownloads },
      done: maxDownloads === null ? 'The download limit was removed.' : `Downloads are limited to ${maxDownloads}.`,
    });
    if (updated) setEditing(false);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) {
      setError('Enter a whole number of downloads, 1 or more, or remove the limit.');
      return;
    }
    void save(Number(trimmed));
  };

  return (
    <div class="setting-row">
      <dt>Download limit</dt>
      <dd>
        <span data-testid="detail-limit">
          {limit === null ? 'No limit' : `${limit} ${limit === 1 ? 'download' : 'downloads'}`} · {share.downloadCount} used
        </span>
        {editable && !editing && (
          <div class="setting-actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={open} data-testid="edit-limit">
              {limit === null ? 'Set a limit' : 'Change'}
            </button>
            {limit !== null && (
              <button type="button" class="btn btn-ghost btn-small" disabled={busy} onClick={() => save(null)} data-testid="remove-limit">
                Remove limit
              </button>
            )}
          </div>
        )}
        {editing && (
          <form class="inline-editor" onSubmit={submit} noValidate data-testid="limit-form">
            <label for="limit-input">Maximum downloads</label>
            <div class="input-row">
              <input
                id="limit-input"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={value}
                onInput={(e) => setValue(e.currentTarget.value)}
                aria-invalid={error ? true : undefined}
                data-testid="limit-input"
              />
              <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid="limit-save">
                {busy ? 'Saving…' : 'Save'}
              </button>
              <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
                Close
              </button>
            </div>
            <p class="hint">Downloads past the limit are refused. Previews do not count.</p>
          </form>
        )}
        {error && (
          <p class="alert alert-error" role="alert" data-testid="limit-error">
            {error}
          </p>
        )}
      </dd>
    </div>
  );
}
