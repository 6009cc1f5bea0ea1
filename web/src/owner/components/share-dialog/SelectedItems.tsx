import { useState } from 'preact/hooks';
import { FileIcon, FolderIcon } from '../../../common/icons.js';
import { MiddleEllipsis } from '../../../common/MiddleEllipsis.js';
import type { SelectedItem } from '../../types.js';
import { t } from '../../i18n/index.js';

/** Rows shown before "and N more": enough to recognise the selection, short enough to keep the settings in view. */
const FIRST_ROWS = 5;

interface SelectedItemsProps {
  items: SelectedItem[];
  /** The name recipients see, by item path. */
  aliases: Record<string, string>;
  onRename: (path: string, alias: string) => void;
}

/**
 * What the link shares, as a compact list: the first few rows, the rest on demand, and a
 * Rename action per row (how the name recipients see is set). Only the row being renamed
 * has an input, so a thousand items stay a thousand short lines.
 */
export function SelectedItems({ items, aliases, onRename }: SelectedItemsProps) {
  const [expanded, setExpanded] = useState(false);
  const [renaming, setRenaming] = useState<string>();
  const shown = expanded ? items : items.slice(0, FIRST_ROWS);
  const hidden = items.length - shown.length;
  return (
    <fieldset class="group">
      <legend>{t('share.items.title', { count: items.length })}</legend>
      <p class="hint">{t('share.items.hint')}</p>
      <ul class="share-items" data-testid="share-items">
        {shown.map((item) =>
          renaming === item.path ? (
            <RenameRow
              key={item.path}
              item={item}
              alias={aliases[item.path] ?? item.name}
              onDone={(alias) => {
                onRename(item.path, alias);
                setRenaming(undefined);
              }}
              onCancel={() => setRenaming(undefined)}
            />
          ) : (
            <li key={item.path} class="share-item" data-testid="share-item" data-path={item.path}>
              {item.kind === 'folder' ? <FolderIcon /> : <FileIcon />}
              <span class="share-item-name">
                <MiddleEllipsis text={aliases[item.path] ?? item.name} testId="share-item-alias" />
                {aliases[item.path] !== undefined && aliases[item.path] !== item.name && (
                  <span class="muted share-item-original">
                    {t('share.items.was')}
                    <MiddleEllipsis text={item.name} />
                  </span>
                )}
              </span>
              <button
                type="button"
                class="btn-link"
                onClick={() => setRenaming(item.path)}
                aria-label={t('share.items.renameLabel', { name: aliases[item.path] ?? item.name })}
                data-testid="share-item-rename"
              >
                {t('share.items.rename')}
              </button>
            </li>
          ),
        )}
      </ul>
      {hidden > 0 && (
        <button type="button" class="btn-link" onClick={() => setExpanded(true)} data-testid="share-items-more">
          {t('share.items.more', { count: hidden })}
        </button>
      )}
    </fieldset>
  );
}

interface RenameRowProps {
  item: SelectedItem;
  alias: string;
  onDone: (alias: string) => void;
  onCancel: () => void;
}

/** One row as a name field: Enter or Done keeps the name, Escape leaves it as it was. A blank name is refused here. */
function RenameRow({ item, alias, onDone, onCancel }: RenameRowProps) {
  const [value, setValue] = useState(alias);
  const blank = !value.trim();
  const [tried, setTried] = useState(false);
  const done = () => {
    setTried(true);
    if (!blank) onDone(value.trim());
  };
  const inputId = `alias-${encodeURIComponent(item.path)}`;
  return (
    <li class="share-item share-item-renaming" data-testid="share-item" data-path={item.path}>
      <label for={inputId} class="visually-hidden">
        {t('share.items.nameFor', { name: item.name })}
      </label>
      <input
        id={inputId}
        type="text"
        maxLength={255}
        value={value}
        autoFocus
        aria-invalid={tried && blank ? true : undefined}
        aria-describedby={tried && blank ? `${inputId}-error` : undefined}
        onInput={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            done();
          } else if (e.key === 'Escape') {
            // Leaves the rename, not the whole dialog.
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
        data-testid="alias-input"
        data-path={item.path}
      />
      <button type="button" class="btn btn-secondary btn-small" onClick={done} data-testid="alias-done">
        {t('share.items.done')}
      </button>
      <button type="button" class="btn btn-ghost btn-small" onClick={onCancel}>
        {t('share.items.cancel')}
      </button>
      {tried && blank && (
        <p id={`${inputId}-error`} class="hint hint-error share-item-error" data-testid="alias-error">
          {t('share.items.blank')}
        </p>
      )}
    </li>
  );
}
