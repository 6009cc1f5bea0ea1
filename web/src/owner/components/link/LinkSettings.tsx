import type { ApplyChange } from '../../hooks/useShareDetail.js';
import type { Share, SharePolicy } from '../../types.js';
import { DownloadLimit } from './DownloadLimit.js';
import { DownloadSwitch } from './DownloadSwitch.js';
import { ExpirySetting } from './ExpirySetting.js';
import { t } from '../../i18n/index.js';

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
      <h2>{t('link.settings.title')}</h2>
      <dl class="settings-list">
        <DownloadSwitch share={share} editable={editable} apply={apply} />
        <DownloadLimit share={share} editable={editable} apply={apply} />
        <div class="setting-row">
          <dt>{t('link.settings.password')}</dt>
          <dd>
            <span data-testid="detail-password">
              {share.requiresPassword ? t('link.settings.passwordRequired') : t('link.settings.passwordNone')}
            </span>
            {editable && (
              <div class="setting-actions">
                <button type="button" class="btn btn-secondary btn-small" onClick={onRegeneratePassword} data-testid="regenerate-password">
                  {share.requiresPassword ? t('link.settings.newPassword') : t('link.settings.addPassword')}
                </button>
              </div>
            )}
          </dd>
        </div>
        <ExpirySetting share={share} editable={editable} policy={policy} apply={apply} />
        <div class="setting-row">
          <dt>{t('link.settings.binding')}</dt>
          <dd>
            <span data-testid="detail-binding">
              {!share.deviceBinding
                ? t('link.settings.bindingOff')
                : share.deviceBound
                  ? t('link.settings.bound')
                  : t('link.settings.notBound')}
            </span>
            {editable && share.deviceBinding && share.deviceBound && (
              <div class="setting-actions">
                <button type="button" class="btn btn-secondary btn-small" onClick={onResetBinding} data-testid="reset-binding">
                  {t('link.settings.resetBinding')}
                </button>
              </div>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
