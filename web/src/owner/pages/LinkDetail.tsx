import { useEffect, useState } from 'preact/hooks';
import { ShareAccessLog } from '../components/link/AccessLog.js';
import { LinkContents } from '../components/link/LinkContents.js';
import { LinkAddress, LinkHeader } from '../components/link/LinkHeader.js';
import { LinkSettings } from '../components/link/LinkSettings.js';
import { Partners } from '../components/link/Partners.js';
import { QrDialog } from '../components/link/QrDialog.js';
import { RegenerateDialog } from '../components/link/RegenerateDialog.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useShareDetail } from '../hooks/useShareDetail.js';
import { t } from '../i18n/index.js';
import { shareTitle } from '../lib/share-labels.js';
import type { SharePolicy } from '../types.js';

type Dialog = 'qr' | 'regenerate' | 'reset' | 'cancel';

/** One link's page (#/links/<id>): its address, settings, contents and access log. */
export function LinkDetail({ id, policy }: { id: string; policy?: SharePolicy | undefined }) {
  const { loaded, notice, load, apply, cancel } = useShareDetail(id);
  const [dialog, setDialog] = useState<Dialog>();

  useEffect(() => setDialog(undefined), [id]);

  useEffect(() => {
    if (loaded.state === 'ready') document.title = `${shareTitle(loaded.share)} · ShareLink`;
  }, [loaded]);

  if (loaded.state === 'loading') {
    return (
      <section class="view link-detail">
        <BackLink />
        <p class="table-state" role="status">
          {t('link.loading')}
        </p>
      </section>
    );
  }
  if (loaded.state === 'missing' || loaded.state === 'error') {
    return (
      <section class="view link-detail" aria-labelledby="link-detail-title">
        <BackLink />
        <div class="card empty-state" data-testid="link-detail-missing">
          <h1 id="link-detail-title">{loaded.state === 'missing' ? t('link.notFound') : t('link.loadFailed')}</h1>
          <p class="muted" data-testid="link-detail-reason">
            {loaded.state === 'missing' ? t('link.notYours') : loaded.message}
          </p>
          {loaded.state === 'error' && (
            <button type="button" class="btn btn-secondary" onClick={load}>
              {t('link.retry')}
            </button>
          )}
        </div>
      </section>
    );
  }

  const { share } = loaded;
  const editable = share.status !== 'cancelled';
  const close = () => setDialog(undefined);

  return (
    <section class="view link-detail" aria-labelledby="link-detail-title" data-testid="link-detail" data-share-id={share.id}>
      <BackLink />
      <LinkHeader share={share} onCancel={() => setDialog('cancel')} />

      {notice && (
        <p class="alert alert-success" role="status" data-testid="detail-notice">
          {notice}
        </p>
      )}
      {share.status === 'cancelled' && (
        <p class="alert alert-info" data-testid="detail-cancelled-note">
          {t('link.cancelledNote')}
        </p>
      )}
      {share.status === 'expired' && (
        <p class="alert alert-warning" data-testid="detail-expired-note">
          {t('link.expiredNote')}
        </p>
      )}

      <LinkAddress share={share} onShowQr={() => setDialog('qr')} />

      <div class="detail-grid">
        <LinkSettings
          share={share}
          editable={editable}
          apply={apply}
          policy={policy}
          onRegeneratePassword={() => setDialog('regenerate')}
          onResetBinding={() => setDialog('reset')}
        />
        <LinkContents share={share} />
      </div>

      <Partners share={share} editable={editable} apply={apply} />
      <ShareAccessLog shareId={share.id} downloadCount={share.downloadCount} />

      {dialog === 'qr' && <QrDialog share={share} onClose={close} />}
      {dialog === 'regenerate' && <RegenerateDialog share={share} apply={apply} onClose={close} />}
      {dialog === 'reset' && (
        <ConfirmDialog
          title={t('link.reset.title')}
          text={t('link.reset.text')}
          action={t('link.reset.action')}
          busyAction={t('link.reset.busy')}
          testId="reset-dialog"
          onConfirm={() => apply({ body: { resetDeviceBinding: true }, done: t('link.reset.done') })}
          onClose={close}
        />
      )}
      {dialog === 'cancel' && (
        <ConfirmDialog
          title={t('link.cancel.title')}
          text={t('link.cancel.text')}
          action={t('link.cancel.title')}
          busyAction={t('link.cancel.busy')}
          danger
          testId="confirm-dialog"
          onConfirm={cancel}
          onClose={close}
        />
      )}
    </section>
  );
}

function BackLink() {
  return (
    <a class="back-link" href="#/links" data-testid="back-to-links">
      <span aria-hidden="true">←</span> {t('link.back')}
    </a>
  );
}
