import type { ShareForm, ShareFormAction } from '../../lib/share-form.js';

const text = {
  label: 'Only these people can open it (they get a code by email)',
  hint: 'Each recipient types their address and a 6-digit code sent to it; anyone else is refused. Works with or without a password, and the link page shows who opened and downloaded.',
};

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
        <span>{text.label}</span>
      </label>
      <p class="hint">{text.hint}</p>
    </div>
  );
}
