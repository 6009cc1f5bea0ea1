import type { ApplyChange } from '../../hooks/useShareDetail.js';
import type { Share, SharePolicy } from '../../types.js';
import { DownloadLimit } from './DownloadLimit.js';
import { DownloadSwitch } from './DownloadSwitch.js';
import { ExpirySetting } from './ExpirySetting.js';

/** What each setting row gets: the link, whether it may change, and how to change it. */
export interface SettingProps {
  share: Share;
  editable: boolean;
  apply: ApplyChange;
}

interface LinkSettingsProps extends SettingProps {
  policy?: SharePolicy | undefined;
  onRegeneratePassword: () => void;
  onResetBinding: () => void;
}

/** The "Settings" card of a link's page: one row per setting, each changed in place. */
export function LinkSettings({ share, editable, apply, policy, onRegeneratePassword, onResetBinding }: LinkSettingsProps) {
  return (
    <div class="card detail-card">
      <h2>Settings</h2>
      <dl class="settings-list">
        <DownloadSwitch share={share} editable={editable} apply={apply} />
        <DownloadLimit share={share} editable={editable} apply={apply} />
        <div class="setting-row">
          <dt>Password</dt>
          <dd>
            <span data-testid="detail-password">
              {share.requiresPassword ? 'Required' : 'Not required: anyone with the link can open it'}
            </span>
            {editable && (
              <div class="setting-actions">
                <button type="button" class="btn btn-secondary btn-small" onClick={onRegeneratePassword} data-testid="regenerate-password">
                  {share.requiresPassword ? 'New password' : 'Add a password'}
                </button>
              </div>
            )}
          </dd>
        </div>
        <ExpirySetting share={share} editable={editable} policy={policy} apply={apply} />
        <div class="setting-row">
          <dt>Device binding</dt>
          <dd>
            <span data-testid="detail-binding">
              {!share.deviceBinding
                ? 'Off'
                : share.deviceBound
                  ? 'Bound to the first device that opened it'
                  : 'On, not bound yet: the first device to open it will own it'}
            </span>
            {editable && share.deviceBinding && share.deviceBound && (
              <div class="setting-actions">
                <button type="button" class="btn btn-secondary btn-small" onClick={onResetBinding} data-testid="reset-binding">
                  Reset binding
                </button>
              </div>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
