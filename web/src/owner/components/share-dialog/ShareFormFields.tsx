import type { ShareForm, ShareFormAction } from '../../lib/share-form.js';
import type { SharePolicy } from '../../types.js';
import { t } from '../../i18n/index.js';

interface FieldsProps {
  form: ShareForm;
  dispatch: (action: ShareFormAction) => void;
}

export function DownloadField({ form, dispatch }: FieldsProps) {
  return (
    <div class="group">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={form.allowDownload}
          onChange={(e) => dispatch({ type: 'edit', changes: { allowDownload: e.currentTarget.checked } })}
          data-testid="allow-download"
        />
        <span class="switch-track" aria-hidden="true" />
        <span>{t('share.fields.allowDownload')}</span>
      </label>
      <p class="hint">{t('share.fields.downloadHint')}</p>
    </div>
  );
}

const passwordOptions = [
  ['auto', 'share.fields.passwordAuto', 'password-auto'],
  ['custom', 'share.fields.passwordCustom', 'password-custom'],
  ['none', 'share.fields.passwordNone', 'password-none'],
] as const;

/** A generated password, one the owner chooses, or none (unless the tenant requires one). */
export function PasswordFields({ form, dispatch, policy }: FieldsProps & { policy: SharePolicy | undefined }) {
  return (
    <fieldset class="group">
      <legend>{t('share.fields.password')}</legend>
      <div class="choices">
        {passwordOptions.map(([mode, label, testId]) => (
          <label class="choice" key={mode}>
            <input
              type="radio"
              name="password-mode"
              value={mode}
              checked={form.passwordMode === mode}
              disabled={mode === 'none' && policy?.requirePassword}
              onChange={() => dispatch({ type: 'edit', changes: { passwordMode: mode } })}
              data-testid={testId}
            />
            <span>{t(label)}</span>
          </label>
        ))}
      </div>
      {form.passwordMode === 'custom' && (
        <div class="field field-inline">
          <label for="custom-password">{t('share.fields.customPassword')}</label>
          <input
            id="custom-password"
            type="text"
            class="mono"
            autocomplete="off"
            spellcheck={false}
            value={form.customPassword}
            onInput={(e) => dispatch({ type: 'edit', changes: { customPassword: e.currentTarget.value } })}
            data-testid="password-custom-value"
          />
        </div>
      )}
      {form.passwordMode === 'auto' && <p class="hint">{t('share.fields.autoHint')}</p>}
      {form.passwordMode === 'none' && <p class="hint">{t('share.fields.noneHint')}</p>}
      {policy?.requirePassword && <p class="hint">{t('share.fields.required')}</p>}
    </fieldset>
  );
}

/** Device binding (where the tenant allows it) and a download limit. */
export function AccessLimitFields({ form, dispatch, bindingAvailable }: FieldsProps & { bindingAvailable: boolean }) {
  return (
    <fieldset class="group">
      <legend>{t('share.fields.limits')}</legend>
      {bindingAvailable && (
        <div class="check-row">
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              checked={form.deviceBinding}
              onChange={(e) => dispatch({ type: 'edit', changes: { deviceBinding: e.currentTarget.checked } })}
              data-testid="device-binding"
            />
            <span class="switch-track" aria-hidden="true" />
            <span>{t('share.fields.binding')}</span>
          </label>
          <p class="hint">{t('share.fields.bindingHint')}</p>
        </div>
      )}
      <div class="field field-inline field-narrow">
        <label for="max-downloads">{t('share.fields.maxDownloads')}</label>
        <input
          id="max-downloads"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder={t('share.fields.noLimit')}
          value={form.maxDownloads}
          onInput={(e) => dispatch({ type: 'edit', changes: { maxDownloads: e.currentTarget.value } })}
          data-testid="max-downloads"
        />
      </div>
    </fieldset>
  );
}
