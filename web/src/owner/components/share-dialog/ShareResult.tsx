import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from '../../../common/CopyButton.js';
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
      <div class="field">
        <label for="result-link">Link</label>
        <div class="input-row">
          <input
            id="result-link"
            type="text"
            readOnly
            value={created.url}
            data-testid="share-result-link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={created.url} label="Copy" accessibleLabel="Copy link" testId="copy-link" />
        </div>
      </div>
      {created.password ? (
        <div class="field">
          <label for="result-password">Password</label>
          <div class="input-row">
            <input
              id="result-password"
              class="mono"
              type="text"
              readOnly
              value={created.password}
              data-testid="share-result-password"
              aria-describedby="result-password-warning"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={created.password} label="Copy" accessibleLabel="Copy password" testId="copy-password" />
          </div>
          <p id="result-password-warning" class="alert alert-warning" data-testid="password-warning">
            Copy the password now: it will not be shown again. Send it to recipients separately from the link.
          </p>
        </div>
      ) : (
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
