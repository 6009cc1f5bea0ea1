import { useState } from 'preact/hooks';
import { Modal } from '../../../common/Modal.js';
import { t } from '../../i18n/index.js';
import { deleteCompletely } from '../../lib/file-operations.js';
import type { DeletedFiles, SelectedItem } from '../../types.js';
import { problemText } from '../../lib/problems.js';

/** Asks before deleting the selected files and folders; `onClose` gets what was deleted. */
export function DeleteDialog({ items, onClose }: { items: SelectedItem[]; onClose: (result?: DeletedFiles) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const folders = items.filter((item) => item.kind === 'folder').length;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onClose(await deleteCompletely(items.map((item) => item.path)));
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={items.length === 1 ? t('files.delete.titleOne') : t('files.delete.titleMany')}
      onClose={() => onClose()}
      role="alertdialog"
      describedBy="delete-text"
      testId="delete-dialog"
    >
      <p id="delete-text" data-testid="delete-text">
        {[
          items.length === 1 ? t('files.delete.named', { name: items[0]!.name }) : t('files.delete.count', { count: items.length }),
          folders > 0 ? t('files.delete.folders') : '',
          items.length === 1 ? t('files.delete.warningOne') : t('files.delete.warningMany'),
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={() => onClose()} autofocus data-testid="delete-keep">
          {t('files.delete.keep')}
        </button>
        <button type="button" class="btn btn-danger" onClick={confirm} disabled={busy} data-testid="confirm-delete">
          {busy ? t('files.delete.deleting') : t('files.delete.delete')}
        </button>
      </div>
    </Modal>
  );
}
