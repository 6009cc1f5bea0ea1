import type { ShareForm, ShareFormAction } from '../../lib/share-form.js';
import { t } from '../../i18n/index.js';

/** Verified recipients: offered once the link has recipients. */
export function VerifyRecipientsField({ form, dispatch }: { form: ShareForm; dispatch: (action: ShareFormAction) => void }) {
  if (form.recipients.length === 0) return null;
  return (
    <div class="check-row" data-testid="verify-recipients-field">
      <label class="check">
        <input
          type="checkbox"
          checked={form.verifyRecipients}
          onChange={(e) => dispatch({ type: 'edit', changes: { verifyRecipients: e.currentTarget.checked } })}
          data-testid="verify-recipients"
        />
        <span>{t('share.verify.label')}</span>
      </label>
      <p class="hint">{t('share.verify.hint')}</p>
    </div>
  );
}
