import { parentOf } from '../../../common/format.js';
import { t } from '../../i18n/index.js';
import type { SelectedItem } from '../../types.js';

/** How many items are ticked (some may be in other folders), with clear and delete. */
export function SelectionBar({
  prefix,
  selection,
  onClear,
  onDelete,
}: {
  prefix: string;
  selection: SelectedItem[];
  onClear: () => void;
  onDelete: () => void;
}) {
  if (selection.length === 0) return null;
  const elsewhere = selection.filter((item) => parentOf(item.path) !== prefix).length;
  return (
    <div class="selection-bar" data-testid="selection-bar">
      <span>
        {t('files.selection.count', { count: selection.length })}
        {elsewhere > 0 ? t('files.selection.elsewhere', { count: elsewhere }) : ''}
      </span>
      <span class="selection-actions">
        <button type="button" class="btn-link" onClick={onClear}>
          {t('files.selection.clear')}
        </button>
        <button type="button" class="btn btn-danger-ghost btn-small" onClick={onDelete} data-testid="delete-button">
          {t('files.selection.delete')}
        </button>
      </span>
    </div>
  );
}
