import { Modal } from '../../../common/Modal.js';
import { QrCode } from '../../../common/QrCode.js';
import type { Share } from '../../types.js';
import { t } from '../../i18n/index.js';

/** The link as a QR code, for opening it on a phone. */
export function QrDialog({ share, onClose }: { share: Pick<Share, 'url' | 'requiresPassword'>; onClose: () => void }) {
  return (
    <Modal title={t('link.qr.title')} onClose={onClose} testId="qr-dialog">
      <div class="qr-panel">
        <QrCode text={share.url} label={t('link.qr.label', { url: share.url })} testId="qr-code" />
        <p class="muted qr-url">{share.url}</p>
        <p class="hint">
          {t('link.qr.scan')}
          {share.requiresPassword ? t('link.qr.passwordApart') : ''}
        </p>
      </div>
      <div class="dialog-actions">
        <button type="button" class="btn btn-primary" onClick={onClose} autofocus>
          {t('link.done')}
        </button>
      </div>
    </Modal>
  );
}
