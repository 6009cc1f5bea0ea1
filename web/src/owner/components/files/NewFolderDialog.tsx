import { useState } from 'preact/hooks';
import { Modal } from '../../../common/Modal.js';
import { createFolder } from '../../api.js';
import { t } from '../../i18n/index.js';
import { folderNameProblem } from '../../lib/file-operations.js';
import { problemText } from '../../lib/problems.js';

/** Names and creates an empty folder in the one shown; `onClose` gets its name once created. */
export function NewFolderDialog({ prefix, onClose }: { prefix: string; onClose: (created?: string) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = folderNameProblem(name);
    if (problem) return setError(problem);
    setBusy(true);
    setError(undefined);
    try {
      await createFolder(`${prefix}${name}/`);
      onClose(name);
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };

  return (
    <Modal title={t('files.newFolder.title')} onClose={() => onClose()} testId="new-folder-dialog">
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="new-folder-name">{t('files.newFolder.name')}</label>
          <input
            id="new-folder-name"
            type="text"
            autoFocus
            maxLength={255}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'new-folder-error' : undefined}
            data-testid="new-folder-name"
          />
        </div>
        {error && (
          <p id="new-folder-error" class="alert alert-error" role="alert" data-testid="new-folder-error">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" class="btn btn-ghost" onClick={() => onClose()}>
            {t('files.newFolder.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="new-folder-submit">
            {busy ? t('files.newFolder.creating') : t('files.newFolder.create')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
