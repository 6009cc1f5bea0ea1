import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from '../../../common/CopyButton.js';
import { formatDateTime } from '../../../common/format.js';
import { CheckIcon } from '../../../common/icons.js';
import { QrCode } from '../../../common/QrCode.js';
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
  const both = password ? `${created.url}\nPassword: ${password}` : created.url;
  return (
    <div class="share-result" data-testid="request-result">
      <h3 ref={heading} tabIndex={-1} class="result-heading">
        <CheckIcon /> Your upload link is ready
      </h3>
      <p class="muted">
        Files arrive in <strong>{folderLabel(created.folder)}</strong>, in a folder named after each uploader.{' '}
        {created.expiresAt ? `It works until ${formatDateTime(created.expiresAt)}.` : 'It does not expire.'}
      </p>
      <LinkResultFields url={created.url} password={created.password} prefix="request" audience="uploaders" />
      {!created.password && (
        <p class="muted">
          {created.requiresPassword
            ? 'Uploaders need the password you chose.'
            : 'This link has no password: anyone with the link can send files.'}
        </p>
      )}
      <div class="qr-panel">
        <QrCode text={created.url} size={180} label={`QR code for ${created.url}`} testId="request-qr" />
      </div>
      <div class="dialog-actions">
        {password && <CopyButton text={both} label="Copy link + password" testId="copy-both" />}
        <button type="button" class="btn btn-primary" onClick={onDone} data-testid="request-result-done">
          Done
        </button>
      </div>
    </div>
  );
}
