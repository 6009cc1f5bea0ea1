import { useShareChange } from '../../hooks/useShareChange.js';
import type { SettingProps } from './LinkSettings.js';

/** Downloads on or off, changed the moment the switch flips. */
export function DownloadSwitch({ share, editable, apply }: SettingProps) {
  const { busy, error, send } = useShareChange(apply);
  const toggle = (allowDownload: boolean) =>
    send({
      body: { allowDownload },
      done: allowDownload
        ? 'Downloads are on.'
        : 'Downloads are off: recipients see the files and watermarked previews of images, PDF and text files, but cannot download them.',
    });
  return (
    <div class="setting-row">
      <dt>Downloads</dt>
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
          <span>{share.allowDownload ? 'Allowed' : 'Off'}</span>
        </label>
        <p class="hint">
          When off, recipients see the list and watermarked previews of images, PDF and text files (not video or audio), and cannot
          download. The same holds once a download limit is reached.
        </p>
        {error && (
          <p class="alert alert-error" role="alert">
            {error}
          </p>
        )}
      </dd>
    </div>
  );
}
