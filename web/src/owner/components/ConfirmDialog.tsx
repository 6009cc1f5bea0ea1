import { useState } from 'preact/hooks';
import { Modal } from '../../common/Modal.js';
import { t } from '../i18n/index.js';

interface ConfirmDialogProps {
  title: string;
  text: string;
  action: string;
  busyAction: string;
  danger?: boolean;
  testId: string;
  /** Resolves with the API's message when it failed (the dialog stays open), anything else when done. */
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

/** "Are you sure?" before a change that cannot be taken back; a refusal shows in the dialog. */
export function ConfirmDialog({ title, text, action, busyAction, danger, testId, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const result = await onConfirm();
    setBusy(false);
    if (typeof result === 'string') setError(result);
    else onClose();
  };
  return (
    <Modal title={title} onClose={onClose} role="alertdialog" describedBy={`${testId}-text`} testId={testId}>
      <p id={`${testId}-text`} data-testid="confirm-text">
        {text}
      </p>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={onClose} data-testid="confirm-keep" autofocus>
          {t('confirm.keep')}
        </button>
        <button
          type="button"
          class={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
          onClick={confirm}
          disabled={busy}
          data-testid="confirm-ok"
        >
          {busy ? busyAction : action}
        </button>
      </div>
    </Modal>
  );
}
