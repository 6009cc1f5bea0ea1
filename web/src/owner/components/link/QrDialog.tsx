import { Modal } from '../../../common/Modal.js';
import { QrCode } from '../../../common/QrCode.js';
import type { Share } from '../../types.js';

/** The link as a QR code, for opening it on a phone. */
export function QrDialog({ share, onClose }: { share: Pick<Share, 'url' | 'requiresPassword'>; onClose: () => void }) {
  return (
    <Modal title="QR code" onClose={onClose} testId="qr-dialog">
      <div class="qr-panel">
        <QrCode text={share.url} label={`QR code for ${share.url}`} testId="qr-code" />
        <p class="muted qr-url">{share.url}</p>
        <p class="hint">Scan it with a phone camera to open the link.{share.requiresPassword ? ' Send the password separately.' : ''}</p>
      </div>
      <div class="dialog-actions">
        <button type="button" class="btn btn-primary" onClick={onClose} autofocus>
          Done
        </button>
      </div>
    </Modal>
  );
}
