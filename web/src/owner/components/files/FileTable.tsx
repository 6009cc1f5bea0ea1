import { FileIcon, FolderIcon } from '../../../common/icons.js';
import { MiddleEllipsis } from '../../../common/MiddleEllipsis.js';
import { fmt, t } from '../../i18n/index.js';
import { filesHref } from '../../lib/router.js';
import { FolderRowMenu } from '../requests/FolderRowMenu.js';
import type { FileEntry, FolderEntry, SelectedItem } from '../../types.js';

interface FileTableProps {
  folders: FolderEntry[];
  files: FileEntry[];
  selection: SelectedItem[];
  onSelectionChange: (selection: SelectedItem[]) => void;
  /** A folder row's menu asks for files into that folder. */
  onRequestFiles?: ((folderPath: string) => void) | undefined;
}

/** One folder's contents, folders first, each row ticked into (or out of) the selection. */
export function FileTable({ folders, files, selection, onSelectionChange, onRequestFiles }: FileTableProps) {
  const isSelected = (path: string) => selection.some((item) => item.path === path);
  const toggle = (item: SelectedItem, on: boolean) =>
    onSelectionChange(on ? [...selection.filter((s) => s.path !== item.path), item] : selection.filter((s) => s.path !== item.path));
  const pageItems: SelectedItem[] = [
    ...folders.map((folder) => ({ path: folder.path, name: folder.name, kind: 'folder' as const })),
    ...files.map((file) => ({ path: file.path, name: file.name, kind: 'file' as const })),
  ];
  const allOnPageSelected = pageItems.length > 0 && pageItems.every((item) => isSelected(item.path));
  const toggleAll = (on: boolean) => {
    const others = selection.filter((s) => !pageItems.some((item) => item.path === s.path));
    onSelectionChange(on ? [...others, ...pageItems] : others);
  };

  return (
    <table class="table" data-testid="file-table">
      <thead>
        <tr>
          <th class="col-check">
            <input
              type="checkbox"
              aria-label={t('files.table.selectAll')}
              checked={allOnPageSelected}
              disabled={pageItems.length === 0}
              onChange={(event) => toggleAll(event.currentTarget.checked)}
            />
          </th>
          <th>{t('files.table.name')}</th>
          <th class="col-size">{t('files.table.size')}</th>
          <th class="col-date">{t('files.table.modified')}</th>
          {onRequestFiles && (
            <th class="col-menu">
              <span class="visually-hidden">{t('files.table.actions')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {folders.map((folder) => (
          <tr key={folder.path} class={isSelected(folder.path) ? 'is-selected' : ''} data-testid="folder-row" data-path={folder.path}>
            <td class="col-check">
              <input
                type="checkbox"
                aria-label={t('files.table.selectFolder', { name: folder.name })}
                checked={isSelected(folder.path)}
                onChange={(event) => toggle({ path: folder.path, name: folder.name, kind: 'folder' }, event.currentTarget.checked)}
                data-testid="folder-checkbox"
              />
            </td>
            <td class="col-name">
              <a href={filesHref(folder.path)} class="entry-name" data-testid="folder-link">
                <FolderIcon />
                <MiddleEllipsis text={folder.name} />
              </a>
            </td>
            <td class="col-size muted">{t('files.table.folder')}</td>
            <td class="col-date muted">—</td>
            {onRequestFiles && (
              <td class="col-menu">
                <FolderRowMenu folderName={folder.name} onRequestFiles={() => onRequestFiles(folder.path)} />
              </td>
            )}
          </tr>
        ))}
        {files.map((file) => (
          <tr key={file.path} class={isSelected(file.path) ? 'is-selected' : ''} data-testid="file-row" data-path={file.path}>
            <td class="col-check">
              <input
                type="checkbox"
                aria-label={t('files.table.selectFile', { name: file.name })}
                checked={isSelected(file.path)}
                onChange={(event) => toggle({ path: file.path, name: file.name, kind: 'file' }, event.currentTarget.checked)}
                data-testid="file-checkbox"
              />
            </td>
            <td class="col-name">
              <span class="entry-name">
                <FileIcon />
                <MiddleEllipsis text={file.name} testId="file-name" />
              </span>
            </td>
            <td class="col-size">{fmt().formatBytes(file.size)}</td>
            <td class="col-date muted">{file.lastModified ? fmt().formatDateTime(file.lastModified) : '—'}</td>
            {onRequestFiles && <td class="col-menu" />}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
