import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from '../../../common/CopyButton.js';
import { CheckIcon } from '../../../common/icons.js';
import { QrCode } from '../../../common/QrCode.js';
import { WithSlot } from '../../../common/WithSlot.js';
import { fmt, t } from '../../i18n/index.js';
import { folderLabel } from '../../lib/requests.js';
import type { CreatedFileRequest } from '../../types.js';
import { LinkResultFields } from '../LinkResultFields.js';

/** The new request's link, its password shown this once, copy buttons and a QR code, as a share's result. */
export function RequestResult({
  created,
  customPassword,
  onDone,
}: {
  created: CreatedFileRequest;
  customPassword?: string;
  onDone: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const password = created.password ?? customPassword;
  const both = password ? `${created.url}\n${t('requests.result.passwordLine', { password })}` : created.url;
  return (
    <div class="share-result" data-testid="request-result">
      <h3 ref={heading} tabIndex={-1} class="result-heading">
        <CheckIcon /> {t('requests.result.ready')}
      </h3>
      <p class="muted">
        <WithSlot text={t('requests.result.arrive')} slot="folder">
          <strong>{folderLabel(created.folder)}</strong>
        </WithSlot>{' '}
        {created.expiresAt ? t('requests.result.until', { date: fmt().formatDateTime(created.expiresAt) }) : t('requests.result.noExpiry')}
      </p>
      <LinkResultFields url={created.url} password={created.password} prefix="request" audience="uploaders" />
      {!created.password && (
        <p class="muted">{t(created.requiresPassword ? 'requests.result.chosenPassword' : 'requests.result.noPassword')}</p>
      )}
      <div class="qr-panel">
        <QrCode text={created.url} size={180} label={t('requests.result.qr', { url: created.url })} testId="request-qr" />
      </div>
      <div class="dialog-actions">
        {password && <CopyButton text={both} label={t('requests.result.copyBoth')} testId="copy-both" />}
        <button type="button" class="btn btn-primary" onClick={onDone} data-testid="request-result-done">
          {t('requests.result.done')}
        </button>
      </div>
    </div>
  );
}
