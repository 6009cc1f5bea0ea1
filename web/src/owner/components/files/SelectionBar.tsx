import { parentOf, plural } from '../../../common/format.js';
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
        {plural(selection.length, 'item')} selected
        {elsewhere > 0 ? ` (${elsewhere} in other folders)` : ''}
      </span>
      <span class="selection-actions">
        <button type="button" class="btn-link" onClick={onClear}>
          Clear selection
        </button>
        <button type="button" class="btn btn-danger-ghost btn-small" onClick={onDelete} data-testid="delete-button">
          Delete
        </button>
      </span>
    </div>
  );
}
