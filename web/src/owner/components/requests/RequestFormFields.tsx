import type { RequestForm, SizeUnit } from '../../lib/requests.js';
import { t } from '../../i18n/index.js';
import type { SharePolicy } from '../../types.js';

interface FieldsProps {
  form: RequestForm;
  edit: (changes: Partial<RequestForm>) => void;
}

/** What uploaders read first: a title and a message. */
export function RequestTextFields({ form, edit }: FieldsProps) {
  return (
    <>
      <div class="field">
        <label for="request-title">{t('requests.form.title')}</label>
        <input
          id="request-title"
          type="text"
          required
          maxLength={200}
          value={form.title}
          onInput={(e) => edit({ title: e.currentTarget.value })}
          data-testid="request-title-input"
        />
      </div>
      <div class="field">
        <label for="request-message">{t('requests.form.message')}</label>
        <textarea
          id="request-message"
          rows={3}
          maxLength={2000}
          value={form.message}
          onInput={(e) => edit({ message: e.currentTarget.value })}
          data-testid="request-message-input"
        />
      </div>
    </>
  );
}

const passwordOptions = [
  ['auto', 'requests.form.passwordAuto', 'request-password-auto'],
  ['custom', 'requests.form.passwordCustom', 'request-password-custom'],
  ['none', 'requests.form.passwordNone', 'request-password-none'],
] as const;

/** Generated (shown once), chosen (8 characters or more), or none where the organisation allows it. */
export function RequestPasswordFields({ form, edit, policy }: FieldsProps & { policy: SharePolicy | undefined }) {
  return (
    <fieldset class="group">
      <legend>{t('requests.form.password')}</legend>
      <div class="choices">
        {passwordOptions.map(([mode, label, testId]) => (
          <label class="choice" key={mode}>
            <input
              type="radio"
              name="request-password-mode"
              checked={form.passwordMode === mode}
              disabled={mode === 'none' && policy?.requirePassword}
              onChange={() => edit({ passwordMode: mode })}
              data-testid={testId}
            />
            <span>{t(label)}</span>
          </label>
        ))}
      </div>
      {form.passwordMode === 'custom' && (
        <div class="field field-inline">
          <label for="request-custom-password">{t('requests.form.customPassword')}</label>
          <input
            id="request-custom-password"
            type="text"
            class="mono"
            autocomplete="off"
            spellcheck={false}
            value={form.customPassword}
            onInput={(e) => edit({ customPassword: e.currentTarget.value })}
            data-testid="request-password-value"
          />
        </div>
      )}
      {form.passwordMode === 'none' && <p class="hint">{t('requests.form.noPasswordHint')}</p>}
      {policy?.requirePassword && <p class="hint">{t('requests.form.passwordRequired')}</p>}
    </fieldset>
  );
}

/** Unit symbols, the same in every language. */
const SIZE_UNITS: readonly SizeUnit[] = ['MB', 'GB'];

/** A size as a number and a unit: the request's total size, and the organisation's default on the Admin page. */
export function SizeField(props: {
  id: string;
  label: string;
  size: string;
  unit: SizeUnit;
  placeholder?: string;
  invalid?: true | undefined;
  onChange: (size: string, unit: SizeUnit) => void;
  testId: string;
}) {
  return (
    <div class="field field-inline field-narrow">
      <label for={props.id}>{props.label}</label>
      <div class="input-row">
        <input
          id={props.id}
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          placeholder={props.placeholder}
          value={props.size}
          aria-invalid={props.invalid}
          onInput={(e) => props.onChange(e.currentTarget.value, props.unit)}
          data-testid={props.testId}
        />
        <select
          aria-label={t('requests.form.unit', { label: props.label })}
          value={props.unit}
          onChange={(e) => props.onChange(props.size, e.currentTarget.value as SizeUnit)}
          data-testid={`${props.testId}-unit`}
        >
          {SIZE_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** How much may arrive, and whether the owner hears about it. */
export function RequestLimitFields({ form, edit, defaultBytes }: FieldsProps & { defaultBytes: string }) {
  return (
    <fieldset class="group">
      <legend>{t('requests.form.limits')}</legend>
      <div class="field field-inline field-narrow">
        <label for="request-max-files">{t('requests.form.maxFiles')}</label>
        <input
          id="request-max-files"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder={t('requests.form.noLimit')}
          value={form.maxFiles}
          onInput={(e) => edit({ maxFiles: e.currentTarget.value })}
          data-testid="request-max-files"
        />
      </div>
      <SizeField
        id="request-max-size"
        label={t('requests.form.maxSize')}
        size={form.maxSize}
        unit={form.sizeUnit}
        placeholder={t('requests.form.defaultSize', { size: defaultBytes })}
        onChange={(maxSize, sizeUnit) => edit({ maxSize, sizeUnit })}
        testId="request-max-size"
      />
      <div class="check-row">
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={form.notifyOnUpload}
            onChange={(e) => edit({ notifyOnUpload: e.currentTarget.checked })}
            data-testid="request-notify"
          />
          <span class="switch-track" aria-hidden="true" />
          <span>{t('requests.form.notify')}</span>
        </label>
        <p class="hint">{t('requests.form.notifyHint')}</p>
      </div>
    </fieldset>
  );
}
