import type { ComponentChildren } from 'preact';
import { t } from '../i18n/index.js';
import { daysFromNow, expiryAllowed, expiryPresets, localDateValue, type ExpiryMode } from '../lib/expiry.js';

interface ExpiryFieldProps {
  /** Names the radio group and prefixes the ids and test ids: `${idPrefix}-7`, `${idPrefix}-date`. */
  idPrefix: string;
  legend: string;
  /** The legend is for screen readers only where the setting's row already names it. */
  legendHidden?: boolean;
  /** Added to the day presets' labels ("7 days from now" when changing an existing link). */
  presetSuffix?: string;
  mode: ExpiryMode;
  date: string;
  onMode: (mode: ExpiryMode) => void;
  onDate: (date: string) => void;
  defaultDays: number | undefined;
  maxDays: number | null;
  /** Shown between the choices and the date picker. */
  note?: ComponentChildren;
  /** Shown under the date picker. */
  children?: ComponentChildren;
}

/**
 * When a link stops working: day presets within the tenant's maximum, a date, or never. Used by
 * the share dialog and by a link's page, so both offer the same choices under the same rules.
 */
export function ExpiryField(props: ExpiryFieldProps) {
  const { idPrefix, mode, maxDays } = props;
  return (
    <fieldset class="group">
      <legend class={props.legendHidden ? 'visually-hidden' : undefined}>{props.legend}</legend>
      <div class="choices">
        {expiryPresets(props.defaultDays).map(({ mode: option, label }) => (
          <label class="choice" key={option}>
            <input
              type="radio"
              name={`${idPrefix}-mode`}
              value={option}
              checked={mode === option}
              disabled={!expiryAllowed(option, maxDays)}
              onChange={() => props.onMode(option)}
              data-testid={`${idPrefix}-${option}`}
            />
            <span>{option === 'date' || option === 'never' ? label : `${label}${props.presetSuffix ?? ''}`}</span>
          </label>
        ))}
      </div>
      {props.note}
      {mode === 'date' && (
        <div class="field field-inline">
          <label for={`${idPrefix}-date`}>{t('expiry.lastDay')}</label>
          <input
            id={`${idPrefix}-date`}
            type="date"
            min={localDateValue(new Date())}
            max={maxDays === null ? undefined : localDateValue(daysFromNow(maxDays))}
            value={props.date}
            onInput={(e) => props.onDate(e.currentTarget.value)}
            data-testid={`${idPrefix}-date`}
          />
        </div>
      )}
      {props.children}
    </fieldset>
  );
}
