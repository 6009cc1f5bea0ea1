import { crumbsOf } from '../../common/format.js';
import { DownloadIcon } from '../../common/icons.js';
import { t } from '../i18n/index.js';

interface FilesToolbarProps {
  path: string;
  onOpen: (path: string) => void;
  /** Whether to offer the zip of the folder shown. */
  canZip: boolean;
  zipping: boolean;
  onZip: () => void;
}

/** Where in the share the recipient is, and "Download all / folder (zip)". */
export function FilesToolbar({ path, onOpen, canZip, zipping, onZip }: FilesToolbarProps) {
  const crumbs = crumbsOf(path);
  return (
    <div class="files-toolbar">
      {crumbs.length > 0 ? (
        <nav aria-label={t('share.toolbar.path')} class="breadcrumbs" data-testid="share-breadcrumbs">
          <ol>
            <li>
              <button type="button" class="btn-link" onClick={() => onOpen('')}>
                {t('share.toolbar.allFiles')}
              </button>
            </li>
            {crumbs.map((crumb, index) => (
              <li key={crumb.path}>
                {index === crumbs.length - 1 ? (
                  <span aria-current="page">{crumb.name}</span>
                ) : (
                  <button type="button" class="btn-link" onClick={() => onOpen(crumb.path)}>
                    {crumb.name}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : (
        <span />
      )}
      {canZip && (
        <button
          type="button"
          class="btn btn-secondary btn-small"
          onClick={onZip}
          disabled={zipping}
          data-testid={path ? 'download-folder' : 'download-all'}
        >
          <DownloadIcon />
          <span>{t(path ? 'share.toolbar.zipFolder' : 'share.toolbar.zipAll')}</span>
        </button>
      )}
    </div>
  );
}
