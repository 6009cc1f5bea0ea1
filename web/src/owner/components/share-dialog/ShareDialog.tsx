import { Modal } from '../../../common/Modal.js';
import { preventImplicitSubmit } from '../../../common/forms.js';
import { useFreshAccount } from '../../hooks/useFreshAccount.js';
import { useShareForm } from '../../hooks/useShareForm.js';
import { expiryPolicyHint } from '../../lib/expiry.js';
import type { SelectedItem, SharePolicy } from '../../types.js';
import { ExpiryField } from '../ExpiryField.js';
import { EmailFields } from './EmailFields.js';
import { VerifyRecipientsField } from './VerifyRecipientsField.js';
import { AccessLimitFields, DownloadField, PasswordFields } from './ShareFormFields.js';
import { SelectedItems } from './SelectedItems.js';
import { ShareResult } from './ShareResult.js';
import { t } from '../../i18n/index.js';

interface ShareDialogProps {
  items: SelectedItem[];
  policy?: SharePolicy | undefined;
  /** `created` is true once a link exists, so the caller can clear the selection. */
  onClose: (created: boolean) => void;
}

/** Creates a share link for the selected items, then shows it (and its password) once. */
export function ShareDialog({ items, policy: initialPolicy, onClose }: ShareDialogProps) {
  // The policy and the sender may have changed since sign-in: read them fresh for this dialog.
  const { policy, notification, emailSending } = useFreshAccount(initialPolicy);
  const { form, dispatch, submit } = useShareForm(items, policy);
  const maxDays = policy?.maxExpiryDays ?? null;
  // A refusal for a missing sender no longer applies once a sender is set (in another tab, say).
  const error = form.errorCode === 'NOTIFICATION_SENDER_NOT_CONFIGURED' && notification?.sender ? undefined : form.error;

  // The same Modal in both branches, so the dialog stays open (and keeps focus) when the form turns into the result.
  if (form.created) {
    return (
      <Modal title={t('share.dialog.created')} onClose={() => onClose(true)} testId="share-dialog" wide>
        <ShareResult created={form.created} form={form} onDone={() => onClose(true)} />
      </Modal>
    );
  }

  return (
    <Modal title={t('share.dialog.title', { count: items.length })} onClose={() => onClose(false)} testId="share-dialog" wide>
      <form onSubmit={submit} onKeyDown={preventImplicitSubmit} class="share-form" noValidate data-testid="share-form">
        <DownloadField form={form} dispatch={dispatch} />
        <PasswordFields form={form} dispatch={dispatch} policy={policy} />
        <ExpiryField
          idPrefix="expiry"
          legend={t('share.dialog.expires')}
          mode={form.expiryMode}
          date={form.expiryDate}
          onMode={(mode) => dispatch({ type: 'expiry', mode })}
          onDate={(date) => dispatch({ type: 'expiry', date })}
          defaultDays={policy?.defaultExpiryDays}
          maxDays={maxDays}
          note={
            policy && (
              <p class="hint" data-testid="expiry-policy-hint">
                {expiryPolicyHint(policy.defaultExpiryDays, maxDays)}
              </p>
            )
          }
        />
        <AccessLimitFields form={form} dispatch={dispatch} bindingAvailable={policy?.deviceBindingEnabled === true} />
        <EmailFields form={form} dispatch={dispatch} notification={notification} emailOff={emailSending?.enabled === false} />
        <VerifyRecipientsField form={form} dispatch={dispatch} />
        <SelectedItems items={items} aliases={form.aliases} onRename={(path, value) => dispatch({ type: 'alias', path, value })} />

        <div class="form-footer">
          {error && (
            <p class="alert alert-error" role="alert" data-testid="share-error">
              {error}
              {form.errorCode === 'NOTIFICATION_SENDER_NOT_CONFIGURED' && (
                <>
                  {' '}
                  <a href="#/settings" target="_blank" rel="opener">
                    {t('share.dialog.openSettings')}
                  </a>
                </>
              )}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="btn btn-ghost" onClick={() => onClose(false)}>
              {t('share.dialog.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={form.busy} data-testid="create-share-submit">
              {form.busy
                ? t('share.dialog.creating')
                : form.recipients.length
                  ? t('share.dialog.createAndEmail')
                  : t('share.dialog.create')}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
