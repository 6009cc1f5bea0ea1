import { hasRecipients, type ShareForm, type ShareFormAction } from '../../lib/share-form.js';
import type { NotificationSettings } from '../../types.js';
import { RecipientsInput } from './RecipientsInput.js';
import { SenderNote } from './SenderNote.js';

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
        <legend>Email the link</legend>
        <p class="hint" data-testid="email-off-note">
          This ShareLink sends no email (it was set up without a sender address). Copy the link and send it yourself.
        </p>
      </fieldset>
    );
  }
  return (
    <fieldset class="group">
      <legend>Email the link (optional)</legend>
      <div class="field">
        <label for="recipients">Recipients</label>
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
            Separate addresses with commas or press Enter after each. Each recipient gets an email with the link.
          </p>
        )}
      </div>
      {emailing && (
        <>
          <div class="field">
            <label for="share-message-input">Message to recipients</label>
            <textarea
              id="share-message-input"
              rows={3}
              maxLength={2000}
              value={form.message}
              onInput={(e) => dispatch({ type: 'edit', changes: { message: e.currentTarget.value } })}
              placeholder="Here are the files we talked about."
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
              <span>Include the password in the email</span>
            </label>
          )}
          {form.passwordMode !== 'none' && form.includePassword && (
            <p class="hint">Safer: leave this off and send the password another way (phone, chat).</p>
          )}
        </>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={form.notifyOnDownload}
          onChange={(e) => dispatch({ type: 'edit', changes: { notifyOnDownload: e.currentTarget.checked } })}
          data-testid="notify-download"
        />
        <span>Notify me on download</span>
      </label>
      <SenderNote notification={notification} needed={emailing || form.notifyOnDownload} hasRecipients={emailing} />
    </fieldset>
  );
}
