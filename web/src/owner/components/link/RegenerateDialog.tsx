import { useEffect, useRef, useState } from 'preact/hooks';
import { CopyButton } from '../../../common/CopyButton.js';
import { Modal } from '../../../common/Modal.js';
import { useShareChange } from '../../hooks/useShareChange.js';
import type { ApplyChange } from '../../hooks/useShareDetail.js';
import { t } from '../../i18n/index.js';
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
      done: t('link.regenerate.done'),
    });
    if (!updated) return;
    if (updated.password) setPassword(updated.password);
    else setError(t('link.regenerate.missing'));
  };

  if (password) {
    return (
      <Modal title={t('link.regenerate.newTitle')} onClose={onClose} testId="regenerate-dialog">
        <h3 ref={heading} tabIndex={-1} class="result-heading dialog-lead">
          {t('link.regenerate.heading')}
        </h3>
        <div class="field">
          <label for="new-password">{t('link.regenerate.password')}</label>
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
            <CopyButton
              text={password}
              label={t('link.regenerate.copy')}
              accessibleLabel={t('link.regenerate.copyPassword')}
              testId="copy-new-password"
            />
          </div>
          <p id="new-password-warning" class="alert alert-warning" data-testid="new-password-warning">
            {t('link.regenerate.warning')}
          </p>
        </div>
        <div class="dialog-actions">
          <CopyButton
            text={`${share.url}\n${t('link.regenerate.passwordLine', { password })}`}
            label={t('link.regenerate.copyBoth')}
            testId="copy-link-password"
          />
          <button type="button" class="btn btn-primary" onClick={onClose} data-testid="regenerate-done">
            {t('link.done')}
          </button>
        </div>
      </Modal>
    );
  }
  return (
    <Modal
      title={share.requiresPassword ? t('link.regenerate.newTitle') : t('link.regenerate.addTitle')}
      onClose={onClose}
      role="alertdialog"
      describedBy="regenerate-text"
      testId="regenerate-dialog"
    >
      <p id="regenerate-text" data-testid="confirm-text">
        {share.requiresPassword ? t('link.regenerate.askNew') : t('link.regenerate.askAdd')}
      </p>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={onClose} data-testid="confirm-keep" autofocus>
          {t('link.regenerate.keep')}
        </button>
        <button type="button" class="btn btn-primary" onClick={regenerate} disabled={busy} data-testid="confirm-regenerate">
          {busy ? t('link.regenerate.creating') : t('link.regenerate.create')}
        </button>
      </div>
    </Modal>
  );
}
