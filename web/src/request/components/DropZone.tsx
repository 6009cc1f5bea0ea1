import { useEffect, useRef, useState } from 'preact/hooks';
import { UploadIcon } from '../../common/icons.js';
import { filesFromDrop, filesFromInput, type PendingUpload } from '../../common/picked-files.js';
import { useFileDrop } from '../../common/useFileDrop.js';

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
        setProblem(picked.files.length === 0 ? 'There was no file in what you dropped (empty folders are not sent).' : undefined);
        onFiles(picked.files);
      },
      () => setProblem('Could not read what you dropped. Try the buttons instead.'),
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
      <p class="drop-title">Drop files or a folder here</p>
      <p class="muted">or</p>
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
          Choose files
        </button>
        <button
          type="button"
          class="btn btn-secondary"
          disabled={disabled}
          onClick={() => folderInput.current?.click()}
          data-testid="pick-folder"
        >
          Choose a folder
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
