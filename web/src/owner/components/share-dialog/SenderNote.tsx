import type { NotificationSettings } from '../../types.js';

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
        Emails come from <strong>{notification.sender}</strong>
        {notification.mode === 'admin' ? ', set by your administrator.' : ', your sender address.'}
      </p>
    );
  }
  if (!needed) {
    return (
      <p class="hint" data-testid="sender-note">
        You have no sender address yet: set one in{' '}
        <a href="#/settings" target="_blank" rel="opener">
          Settings
        </a>{' '}
        to email recipients.
      </p>
    );
  }
  return (
    <p class="alert alert-warning sender-missing" role="status" data-testid="sender-missing">
      {hasRecipients ? 'No email can be sent: you have no sender address.' : 'No alert can be sent: you have no sender address.'}{' '}
      <a href="#/settings" target="_blank" rel="opener">
        Set one in Settings
      </a>{' '}
      (opens in a new tab; this dialog stays as it is).
    </p>
  );
}
