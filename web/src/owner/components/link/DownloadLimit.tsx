import { useState } from 'preact/hooks';
import { useShareChange } from '../../hooks/useShareChange.js';
import { t } from '../../i18n/index.js';
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
      done: maxDownloads === null ? t('link.limit.removed') : t('link.limit.set', { count: maxDownloads }),
    });
    if (updated) setEditing(false);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) {
      setError(t('link.limit.invalid'));
      return;
    }
    void save(Number(trimmed));
  };

  return (
    <div class="setting-row">
      <dt>{t('link.limit.title')}</dt>
      <dd>
        <span data-testid="detail-limit">
          {limit === null
            ? t('link.limit.none', { used: share.downloadCount })
            : t('link.limit.some', { count: limit, used: share.downloadCount })}
        </span>
        {editable && !editing && (
          <div class="setting-actions">
            <button type="button" class="btn btn-secondary btn-small" onClick={open} data-testid="edit-limit">
              {limit === null ? t('link.limit.setLimit') : t('link.change')}
            </button>
            {limit !== null && (
              <button type="button" class="btn btn-ghost btn-small" disabled={busy} onClick={() => save(null)} data-testid="remove-limit">
                {t('link.limit.remove')}
              </button>
            )}
          </div>
        )}
        {editing && (
          <form class="inline-editor" onSubmit={submit} noValidate data-testid="limit-form">
            <label for="limit-input">{t('link.limit.max')}</label>
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
                {busy ? t('link.saving') : t('link.save')}
              </button>
              <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
                {t('link.close')}
              </button>
            </div>
            <p class="hint">{t('link.limit.hint')}</p>
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
