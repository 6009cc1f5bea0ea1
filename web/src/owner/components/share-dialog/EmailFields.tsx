import { hasRecipients, type ShareForm, type ShareFormAction } from '../../lib/share-form.js';
import type { NotificationSettings } from '../../types.js';
import { RecipientsInput } from './RecipientsInput.js';
import { SenderNote } from './SenderNote.js';
import { t } from '../../i18n/index.js';

interface EmailFieldsProps {
  form: ShareForm;
  dispatch: (action: ShareFormAction) => void;
  notification: NotificationSettings | undefined;
  /** The deployment sends no email: say so instead of offering fields that would be refused. */
  emailOff?: boolean;
}

/** Who gets the link by email, with which message, and whether the owner hears of downloads. */
export function EmailFields({ form, dispatch, notification, emailOff = false }: EmailFieldsProps) {
  const emailing = hasRecipients(form);
  if (emailOff) {
    return (
      <fieldset class="group">
        <legend>{t('share.email.title')}</legend>
        <p class="hint" data-testid="email-off-note">
          {t('share.email.off')}
        </p>
      </fieldset>
    );
  }
  return (
    <fieldset class="group">
      <legend>{t('share.email.titleOptional')}</legend>
      <div class="field">
        <label for="recipients">{t('share.email.recipients')}</label>
        <RecipientsInput
          id="recipients"
          recipients={form.recipients}
          draft={form.recipientDraft}
          error={form.recipientError}
          describedBy="recipients-hint"
          onChange={(recipients, draft, error) => dispatch({ type: 'recipients', recipients, draft, error })}
        />
        {form.recipientError ? (
          <p id="recipients-hint" class="hint hint-error" data-testid="recipients-error">
            {form.recipientError}
          </p>
        ) : (
          <p id="recipients-hint" class="hint">
            {t('share.email.recipientsHint')}
          </p>
        )}
      </div>
      {emailing && (
        <>
          <div class="field">
            <label for="share-message-input">{t('share.email.message')}</label>
            <textarea
              id="share-message-input"
              rows={3}
              maxLength={2000}
              value={form.message}
              onInput={(e) => dispatch({ type: 'edit', changes: { message: e.currentTarget.value } })}
              placeholder={t('share.email.messagePlaceholder')}
              data-testid="message-input"
            />
          </div>
          {form.passwordMode !== 'none' && (
            <label class="check">
              <input
                type="checkbox"
                checked={form.includePassword}
                onChange={(e) => dispatch({ type: 'edit', changes: { includePassword: e.currentTarget.checked } })}
                data-testid="include-password"
              />
              <span>{t('share.email.includePassword')}</span>
            </label>
          )}
          {form.passwordMode !== 'none' && form.includePassword && <p class="hint">{t('share.email.saferHint')}</p>}
        </>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={form.notifyOnDownload}
          onChange={(e) => dispatch({ type: 'edit', changes: { notifyOnDownload: e.currentTarget.checked } })}
          data-testid="notify-download"
        />
        <span>{t('share.email.notify')}</span>
      </label>
      <SenderNote notification={notification} needed={emailing || form.notifyOnDownload} hasRecipients={emailing} />
    </fieldset>
  );
}
