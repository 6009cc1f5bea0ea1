import { useEffect, useRef } from 'preact/hooks';
import { crumbsOf } from '../../../common/format.js';
import { FolderIcon, LinkIcon, UploadIcon } from '../../../common/icons.js';
import { MiddleEllipsis } from '../../../common/MiddleEllipsis.js';
import { t } from '../../i18n/index.js';
import { filesHref } from '../../lib/router.js';
import { filesFromInput, type PendingUpload } from '../../lib/uploads.js';

interface FilesHeaderProps {
  prefix: string;
  selectionCount: number;
  onUpload: (pending: PendingUpload[]) => void;
  onNewFolder: () => void;
  onShare: () => void;
  /** Asks others for files into this folder (file requests); absent while the administrator has them off. */
  onRequestFiles?: (() => void) | undefined;
}

/** The title with the folder path, and the actions: new folder, upload files or a folder, share. */
export function FilesHeader({ prefix, selectionCount, onUpload, onNewFolder, onShare, onRequestFiles }: FilesHeaderProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Not a JSX attribute in every typing: set the property that makes the picker choose folders.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);

  const picked = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    onUpload(filesFromInput(input.files, prefix));
    input.value = '';
  };

  return (
    <div class="page-header">
      <div>
        <h1 id="files-title">{t('files.header.title')}</h1>
        <Breadcrumbs prefix={prefix} />
      </div>
      <div class="page-actions">
        <input
          ref={fileInput}
          id="upload-input"
          class="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          data-testid="upload-input"
          onChange={picked}
        />
        <input
          ref={folderInput}
          class="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          data-testid="upload-folder-input"
          onChange={picked}
        />
        <button type="button" class="btn btn-ghost" onClick={onNewFolder} data-testid="new-folder-button">
          <FolderIcon /> {t('files.header.newFolder')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => folderInput.current?.click()} data-testid="upload-folder-button">
          <UploadIcon /> {t('files.header.uploadFolder')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => fileInput.current?.click()} data-testid="upload-button">
          <UploadIcon /> {t('files.header.uploadFiles')}
        </button>
        {onRequestFiles && (
          <button type="button" class="btn btn-secondary" onClick={onRequestFiles} data-testid="request-files-button">
            <UploadIcon /> {t('files.header.requestFiles')}
          </button>
        )}
        <button type="button" class="btn btn-primary" disabled={selectionCount === 0} onClick={onShare} data-testid="share-button">
          <LinkIcon /> {selectionCount > 0 ? t('files.header.shareCount', { count: selectionCount }) : t('files.header.share')}
        </button>
      </div>
    </div>
  );
}

function Breadcrumbs({ prefix }: { prefix: string }) {
  const crumbs = crumbsOf(prefix);
  return (
    <nav aria-label={t('files.header.path')} class="breadcrumbs" data-testid="breadcrumbs">
      <ol>
        <li>
          {crumbs.length === 0 ? (
            <span aria-current="page">{t('files.header.allFiles')}</span>
          ) : (
            <a href={filesHref('')}>{t('files.header.allFiles')}</a>
          )}
        </li>
        {crumbs.map((crumb, index) => (
          <li key={crumb.path}>
            {index === crumbs.length - 1 ? (
              <span aria-current="page">
                <MiddleEllipsis text={crumb.name} />
              </span>
            ) : (
              <a href={filesHref(crumb.path)}>
                <MiddleEllipsis text={crumb.name} />
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
