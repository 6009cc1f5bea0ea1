import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from '../../../common/CopyButton.js';
import { LinkResultFields } from '../LinkResultFields.js';
import { CheckIcon } from '../../../common/icons.js';
import type { ShareForm } from '../../lib/share-form.js';
import type { CreatedShare } from '../../types.js';
import { fmt, t } from '../../i18n/index.js';

/** The share dialog once the link exists: the link, and its password shown this once, ready to copy. */
export function ShareResult({ created, form, onDone }: { created: CreatedShare; form: ShareForm; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const password = created.password ?? (form.passwordMode === 'custom' ? form.customPassword : undefined);
  const both = password ? `${created.url}\n${t('share.result.passwordLine', { password })}` : created.url;
  return (
    <div class="share-result" data-testid="share-result">
      <h3 ref={heading} tabIndex={-1} class="result-heading">
        <CheckIcon /> {t('share.result.ready')}
      </h3>
      <p class="muted">
        {created.expiresAt ? t('share.result.until', { time: fmt().formatDateTime(created.expiresAt) }) : t('share.result.noExpiry')}{' '}
        {form.allowDownload ? t('share.result.canDownload') : t('share.result.cannotDownload')}
      </p>
      {form.recipients.length > 0 && (
        <p class="alert alert-info" data-testid="share-result-emailed">
          {t(
            form.passwordMode === 'none'
              ? 'share.result.emailed'
              : form.includePassword
                ? 'share.result.emailedWithPassword'
                : 'share.result.emailedWithoutPassword',
            { addresses: form.recipients.join(', ') },
          )}
        </p>
      )}
      <LinkResultFields url={created.url} password={created.password} prefix="share" audience="recipients" />
      {!created.password && (
        <p class="muted">{form.passwordMode === 'custom' ? t('share.result.chosenPassword') : t('share.result.noPassword')}</p>
      )}
      <div class="dialog-actions">
        {password && <CopyButton text={both} label={t('share.result.copyBoth')} testId="copy-both" />}
        <button type="button" class="btn btn-primary" onClick={onDone} data-testid="share-result-done">
          {t('share.result.done')}
        </button>
      </div>
    </div>
  );
}
