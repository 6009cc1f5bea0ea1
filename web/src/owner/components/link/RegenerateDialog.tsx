import { useEffect, useRef, useState } from 'preact/hooks';
import { CopyButton } from '../../../common/CopyButton.js';
import { Modal } from '../../../common/Modal.js';
import { useShareChange } from '../../hooks/useShareChange.js';
import type { ApplyChange } from '../../hooks/useShareDetail.js';
import type { Share } from '../../types.js';

/** Asks before replacing (or adding) the link's password, then shows the new one once. */
export function RegenerateDialog({ share, apply, onClose }: { share: Share; apply: ApplyChange; onClose: () => void }) {
  const { busy, error, setError, send } = useShareChange(apply);
  const [password, setPassword] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (password) heading.current?.focus();
  }, [password]);

  const regenerate = async () => {
    const updated = await send({
      body: { regeneratePassword: true },
      done: 'The link has a new password. The old one no longer works.',
    });
    if (!updated) return;
    if (updated.password) setPassword(updated.password);
    else setError('The server did not return the new password. Try again.');
  };

  if (password) {
    return (
      <Modal title="New password" onClose={onClose} testId="regenerate-dialog">
        <h3 ref={heading} tabIndex={-1} class="result-heading dialog-lead">
          The link has a new password
        </h3>
        <div class="field">
          <label for="new-password">Password</label>
          <div class="input-row">
            <input
              id="new-password"
              class="mono"
              type="text"
              readOnly
              value={password}
              data-testid="new-password"
              aria-describedby="new-password-warning"
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton text={password} label="Copy" accessibleLabel="Copy password" testId="copy-new-password" />
          </div>
          <p id="new-password-warning" class="alert alert-warning" data-testid="new-password-warning">
            Copy it now: it will not be shown again. The old password and every open session stopped working; recipients need this one.
          </p>
        </div>
        <div class="dialog-actions">
          <CopyButton text={`${share.url}\nPassword: ${password}`} label="Copy link + password" testId="copy-link-password" />
          <button type="button" class="btn btn-primary" onClick={onClose} data-testid="regenerate-done">
            Done
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal
      title={share.requiresPassword ? 'New password' : 'Add a password'}
      onClose={onClose}
      role="alertdialog"
      describedBy="regenerate-text"
      testId="regenerate-dialog"
    >
      <p id="regenerate-text" data-testid="confirm-text">
        {share.requiresPassword
          ? 'Create a new password for this link? The current password stops working at once, and everyone who opened the link must enter the new one.'
          : 'Protect this link with a generated password? Everyone who opened the link must enter it from now on.'}
      </p>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={onClose} data-testid="confirm-keep" autofocus>
          Keep the current one
        </button>
        <button type="button" class="btn btn-primary" onClick={regenerate} disabled={busy} data-testid="confirm-regenerate">
          {busy ? 'Creating…' : 'Create new password'}
        </button>
      </div>
    </Modal>
  );
}
