import { CopyButton } from '../../common/CopyButton.js';
import { t } from '../i18n/index.js';

interface LinkResultFieldsProps {
  url: string;
  /** A generated password, shown this once. */
  password?: string | undefined;
  /** Prefixes the ids and test ids: `${prefix}-result-link`, `${prefix}-result-password`. */
  prefix: string;
  /** Who receives the link, for the warning under the password. */
  audience: string;
}

/** A new link and its password shown once, each ready to copy: the share dialog's result and the file request's. */
export function LinkResultFields({ url, password, prefix, audience }: LinkResultFieldsProps) {
  return (
    <>
      <div class="field">
        <label for={`${prefix}-result-link`}>{t('linkResult.link')}</label>
        <div class="input-row">
          <input
            id={`${prefix}-result-link`}
            type="text"
            readOnly
            value={url}
            data-testid={`${prefix}-result-link`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={url} label={t('linkResult.copy')} accessibleLabel={t('linkResult.copyLink')} testId="copy-link" />
        </div>
      </div>
      {password && (
        <div class="field">
          <label for={`${prefix}-result-password`}>{t('linkResult.password')}</label>
          <div class="input-row">
            <input
              id={`${prefix}-result-password`}
              class="mono"
              type="text"
              readOnly
              value={password}
              data-testid={`${prefix}-result-password`}
              aria-describedby={`${prefix}-result-password-warning`}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton
              text={password}
              label={t('linkResult.copy')}
              accessibleLabel={t('linkResult.copyPassword')}
              testId="copy-password"
            />
          </div>
          <p id={`${prefix}-result-password-warning`} class="alert alert-warning" data-testid="password-warning">
            {t('linkResult.warning', { audience })}
          </p>
        </div>
      )}
    </>
  );
}
