import { useEffect, useRef, useState } from 'preact/hooks';
import { UploadIcon } from '../../common/icons.js';
import { filesFromDrop, filesFromInput, type PendingUpload } from '../../common/picked-files.js';
import { useFileDrop } from '../../common/useFileDrop.js';
import { t } from '../i18n/index.js';

/**
 * Where files go in: dropped (files, or a folder whose structure is kept), or picked with the
 * two buttons, which keyboard and phone users reach like any other button.
 */
export function DropZone({ onFiles, disabled }: { onFiles: (files: PendingUpload[]) => void; disabled: boolean }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const drop = useFileDrop((dataTransfer) => {
    if (disabled) return;
    filesFromDrop(dataTransfer, '').then(
      (picked) => {
        setProblem(picked.files.length === 0 ? t('request.drop.empty') : undefined);
        onFiles(picked.files);
      },
      () => setProblem(t('request.drop.unreadable')),
    );
  });

  useEffect(() => {
    // Not a JSX attribute in every typing: set the property that makes the picker choose folders.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);

  const picked = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    setProblem(undefined);
    onFiles(filesFromInput(input.files, ''));
    input.value = '';
  };

  return (
    <div class={`drop-area ${drop.dragging ? 'is-dragging' : ''}`} {...drop.handlers} data-testid="drop-area">
      <UploadIcon />
      <p class="drop-title">{t('request.drop.title')}</p>
      <p class="muted">{t('request.drop.or')}</p>
      <div class="drop-actions">
        <input
          ref={fileInput}
          class="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          onChange={picked}
          data-testid="pick-files-input"
        />
        <input
          ref={folderInput}
          class="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          onChange={picked}
          data-testid="pick-folder-input"
        />
        <button
          type="button"
          class="btn btn-primary"
          disabled={disabled}
          onClick={() => fileInput.current?.click()}
          data-testid="pick-files"
        >
          {t('request.drop.files')}
        </button>
        <button
          type="button"
          class="btn btn-secondary"
          disabled={disabled}
          onClick={() => folderInput.current?.click()}
          data-testid="pick-folder"
        >
          {t('request.drop.folder')}
        </button>
      </div>
      {problem && (
        <p class="alert alert-warning" role="status">
          {problem}
        </p>
      )}
    </div>
  );
}
