import { useShareChange } from '../../hooks/useShareChange.js';
import type { SettingProps } from './LinkSettings.js';
import { t } from '../../i18n/index.js';

/** Downloads on or off, changed the moment the switch flips. */
export function DownloadSwitch({ share, editable, apply }: SettingProps) {
  const { busy, error, send } = useShareChange(apply);
  const toggle = (allowDownload: boolean) =>
    send({
      body: { allowDownload },
      done: allowDownload ? t('link.downloads.on') : t('link.downloads.off'),
    });
  return (
    <div class="setting-row">
      <dt>{t('link.downloads.title')}</dt>
      <dd>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={share.allowDownload}
            disabled={!editable || busy}
            onChange={(e) => toggle(e.currentTarget.checked)}
            data-testid="detail-allow-download"
          />
          <span class="switch-track" aria-hidden="true" />
          <span>{share.allowDownload ? t('link.downloads.allowed') : t('link.downloads.offState')}</span>
        </label>
        <p class="hint">{t('link.downloads.hint')}</p>
        {error && (
          <p class="alert alert-error" role="alert">
            {error}
          </p>
        )}
      </dd>
    </div>
  );
}
