import type { NotificationSettings } from '../../types.js';
import { t } from '../../i18n/index.js';

/** Which address emails come from, said before the person submits. */
export function SenderNote({
  notification,
  needed,
  hasRecipients,
}: {
  notification?: NotificationSettings | undefined;
  needed: boolean;
  hasRecipients: boolean;
}) {
  if (!notification) return null;
  if (notification.sender) {
    return (
      <p class="hint" data-testid="sender-note">
        {t('share.sender.from')}
        <strong>{notification.sender}</strong>
        {notification.mode === 'admin' ? t('share.sender.byAdmin') : t('share.sender.yours')}
      </p>
    );
  }
  if (!needed) {
    return (
      <p class="hint" data-testid="sender-note">
        {t('share.sender.noneYet')}
        <a href="#/settings" target="_blank" rel="opener">
          {t('share.sender.settings')}
        </a>
        {t('share.sender.toEmail')}
      </p>
    );
  }
  return (
    <p class="alert alert-warning sender-missing" role="status" data-testid="sender-missing">
      {hasRecipients ? t('share.sender.noEmail') : t('share.sender.noAlert')}{' '}
      <a href="#/settings" target="_blank" rel="opener">
        {t('share.sender.setOne')}
      </a>{' '}
      {t('share.sender.newTab')}
    </p>
  );
}
