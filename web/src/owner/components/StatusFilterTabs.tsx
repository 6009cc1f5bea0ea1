import { STATUS_FILTERS, type StatusFilter } from '../hooks/useStatusList.js';

interface StatusFilterTabsProps {
  current: StatusFilter;
  onChange: (filter: StatusFilter) => void;
  /** The group's spoken name ("Show"). */
  label: string;
  text: (filter: StatusFilter) => string;
  /** `filter-` gives the test ids `filter-all`, `filter-active`, … */
  testIdPrefix: string;
}

/** All / Active / Expired / Cancelled, as pressed buttons above an owner's list. */
export function StatusFilterTabs({ current, onChange, label, text, testIdPrefix }: StatusFilterTabsProps) {
  return (
    <div class="segmented" role="group" aria-label={label}>
      {STATUS_FILTERS.map((value) => (
        <button
          type="button"
          key={value}
          aria-pressed={current === value}
          onClick={() => onChange(value)}
          data-testid={`${testIdPrefix}${value}`}
        >
          {text(value)}
        </button>
      ))}
    </div>
  );
}
