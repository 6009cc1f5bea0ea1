import type { ShareForm, ShareFormAction } from '../../lib/share-form.js';
import type { SharePolicy } from '../../types.js';

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
        <span>Allow download</span>
      </label>
      <p class="hint">
        When off, recipients see the file list and watermarked previews of images, PDF and text files (not video or audio), but cannot
        download.
      </p>
    </div>
  );
}

const passwordOptions = [
  ['auto', 'Generate one', 'password-auto'],
  ['custom', 'Choose one', 'password-custom'],
  ['none', 'No password', 'password-none'],
] as const;

/** A generated password, one the owner chooses, or none (unless the tenant requires one). */
export function PasswordFields({ form, dispatch, policy }: FieldsProps & { policy: SharePolicy | undefined }) {
  return (
    <fieldset class="group">
      <legend>Password</legend>
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
            <span>{label}</span>
          </label>
        ))}
      </div>
      {form.passwordMode === 'custom' && (
        <div class="field field-inline">
          <label for="custom-password">Password for recipients</label>
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
      {form.passwordMode === 'auto' && <p class="hint">We create a strong password and show it once, after you create the link.</p>}
      {form.passwordMode === 'none' && <p class="hint">Anyone with the link can open it.</p>}
      {policy?.requirePassword && <p class="hint">Your organisation requires a password on every link.</p>}
    </fieldset>
  );
}

/** Device binding (where the tenant allows it) and a download limit. */
export function AccessLimitFields({ form, dispatch, bindingAvailable }: FieldsProps & { bindingAvailable: boolean }) {
  return (
    <fieldset class="group">
      <legend>Access limits</legend>
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
            <span>Bind to the first device that opens it</span>
          </label>
          <p class="hint">Any other browser is refused, even with the password. You can reset the binding on the link's page.</p>
        </div>
      )}
      <div class="field field-inline field-narrow">
        <label for="max-downloads">Maximum downloads (optional)</label>
        <input
          id="max-downloads"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder="No limit"
          value={form.maxDownloads}
          onInput={(e) => dispatch({ type: 'edit', changes: { maxDownloads: e.currentTarget.value } })}
          data-testid="max-downloads"
        />
      </div>
    </fieldset>
  );
}
