import { useState } from 'preact/hooks';
import { plural } from '../../../common/format.js';
import { messageOf } from '../../../common/http.js';
import { Modal } from '../../../common/Modal.js';
import { deleteCompletely } from '../../lib/file-operations.js';
import type { DeletedFiles, SelectedItem } from '../../types.js';

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
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  const what = items.length === 1 ? `“${items[0]!.name}”` : plural(items.length, 'item');
  return (
    <Modal
      title={items.length === 1 ? 'Delete item' : 'Delete items'}
      onClose={() => onClose()}
      role="alertdialog"
      describedBy="delete-text"
      testId="delete-dialog"
    >
      <p id="delete-text" data-testid="delete-text">
        Delete {what}?{folders > 0 ? ' Folders are deleted with everything in them.' : ''} This cannot be undone, and recipients of links
        that include {items.length === 1 ? 'it' : 'them'} lose access to the deleted files.
      </p>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={() => onClose()} autofocus data-testid="delete-keep">
          Keep
        </button>
        <button type="button" class="btn btn-danger" onClick={confirm} disabled={busy} data-testid="confirm-delete">
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </Modal>
  );
}
