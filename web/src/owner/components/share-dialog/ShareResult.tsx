import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from '../../../common/CopyButton.js';
import { LinkResultFields } from '../LinkResultFields.js';
import { formatDateTime } from '../../../common/format.js';
import { CheckIcon } from '../../../common/icons.js';
import type { ShareForm } from '../../lib/share-form.js';
import type { CreatedShare } from '../../types.js';

/** The share dialog once the link exists: the link, and its password shown this once, ready to copy. */
export function ShareResult({ created, form, onDone }: { created: CreatedShare; form: ShareForm; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const password = created.password ?? (form.passwordMode === 'custom' ? form.customPassword : undefined);
  const both = password ? `${created.url}\nPassword: ${password}` : created.url;
  return (
    <div class="share-result" data-testid="share-result">
      <h3 ref={heading} tabIndex={-1} class="result-heading">
        <CheckIcon /> Your link is ready
      </h3>
      <p class="muted">
        {created.expiresAt ? `It works until ${formatDateTime(created.expiresAt)}.` : 'It does not expire.'}{' '}
        {form.allowDownload ? 'Recipients can download the files.' : 'Recipients can see the list but not download.'}
      </p>
      {form.recipients.length > 0 && (
        <p class="alert alert-info" data-testid="share-result-emailed">
          An email with the link goes to {form.recipients.join(', ')}
          {form.passwordMode === 'none'
            ? '.'
            : form.includePassword
              ? ', with the password.'
              : '. The password is not in it: send it another way.'}
        </p>
      )}
      <LinkResultFields url={created.url} password={created.password} prefix="share" audience="recipients" />
      {!created.password && (
        <p class="muted">
          {form.passwordMode === 'custom'
            ? 'Recipients need the password you chose.'
            : 'This link has no password: anyone with the link can open it.'}
        </p>
      )}
      <div class="dialog-actions">
        {password && <CopyButton text={both} label="Copy link + password" testId="copy-both" />}
        <button type="button" class="btn btn-primary" onClick={onDone} data-testid="share-result-done">
          Done
        </button>
      </div>
    </div>
  );
}
