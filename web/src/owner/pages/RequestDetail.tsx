import { useEffect, useState } from 'preact/hooks';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { listFileRequestEvents } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { AccessLog } from '../components/link/AccessLog.js';
import { LinkAddress } from '../components/link/LinkHeader.js';
import { QrDialog } from '../components/link/QrDialog.js';
import { ReceivedFiles } from '../components/requests/ReceivedFiles.js';
import { RequestSettings } from '../components/requests/RequestSettings.js';
import { useRequestDetail } from '../hooks/useRequestDetail.js';
import { fmt, t } from '../i18n/index.js';
import { isFull } from '../lib/requests.js';
import { statusLabel } from '../lib/share-labels.js';
import type { SharePolicy } from '../types.js';

/** One file request's page (#/requests/<id>): its link, settings, what arrived by uploader, and its access log. */
export function RequestDetail({ id, policy }: { id: string; policy?: SharePolicy | undefined }) {
  const { loaded, notice, load, apply, cancel } = useRequestDetail(id);
  const [dialog, setDialog] = useState<'qr' | 'cancel'>();

  useEffect(() => {
    if (loaded.state === 'ready') document.title = `${loaded.request.title} · ShareLink`;
  }, [loaded]);

  if (loaded.state !== 'ready') {
    return (
      <section class="view link-detail" aria-labelledby="request-detail-title">
        <BackLink />
        {loaded.state === 'loading' ? (
          <p class="table-state" role="status">
            {t('request.loading')}
          </p>
        ) : (
          <div class="card empty-state" data-testid="request-detail-missing">
            <h1 id="request-detail-title">{loaded.state === 'missing' ? t('request.notFound') : t('request.loadFailed')}</h1>
            <p class="muted" data-testid="request-detail-reason">
              {loaded.state === 'missing' ? t('request.notYours') : loaded.message}
            </p>
            {loaded.state === 'error' && (
              <button type="button" class="btn btn-secondary" onClick={() => void load()}>
                {t('request.retry')}
              </button>
            )}
          </div>
        )}
      </section>
    );
  }

  const { request } = loaded;
  return (
    <section class="view link-detail" aria-labelledby="request-detail-title" data-testid="request-detail" data-request-id={request.id}>
      <BackLink />
      <div class="page-header">
        <div class="detail-heading">
          <h1 id="request-detail-title" data-testid="request-detail-title">
            <MiddleEllipsis text={request.title} />
          </h1>
          <p class="muted subtitle">
            <span class={`badge badge-${request.status}`} data-testid="request-detail-status">
              {statusLabel[request.status] ?? request.status}
            </span>
            {isFull(request) && <span class="badge badge-full">{t('request.full')}</span>}{' '}
            {t('request.created', { date: fmt().formatDateTime(request.createdAt) })}
            {request.cancelledAt ? t('request.cancelledAt', { date: fmt().formatDateTime(request.cancelledAt) }) : ''}
          </p>
          {request.message && <p class="request-detail-message">{request.message}</p>}
        </div>
        <div class="page-actions">
          {request.status === 'active' && (
            <button type="button" class="btn btn-danger-ghost" onClick={() => setDialog('cancel')} data-testid="request-detail-cancel">
              {t('request.cancel')}
            </button>
          )}
        </div>
      </div>
      {notice && (
        <p class="alert alert-success" role="status" data-testid="request-detail-notice">
          {notice}
        </p>
      )}
      <LinkAddress share={request} onShowQr={() => setDialog('qr')} />
      <div class="detail-grid">
        <RequestSettings request={request} policy={policy} apply={apply} />
        <ReceivedFiles request={request} />
      </div>
      <AccessLog
        subject={request.id}
        fetchPage={(cursor) => listFileRequestEvents(request.id, cursor)}
        intro={t('request.logIntro')}
        emptyText={t('request.logEmpty')}
      />
      {dialog === 'qr' && <QrDialog share={request} onClose={() => setDialog(undefined)} />}
      {dialog === 'cancel' && (
        <ConfirmDialog
          title={t('request.confirm.title')}
          text={t('request.confirm.text')}
          action={t('request.cancel')}
          busyAction={t('request.confirm.cancelling')}
          danger
          testId="confirm-dialog"
          onConfirm={cancel}
          onClose={() => setDialog(undefined)}
        />
      )}
    </section>
  );
}

function BackLink() {
  return (
    <a class="back-link" href="#/requests" data-testid="back-to-requests">
      <span aria-hidden="true">←</span> {t('request.back')}
    </a>
  );
}
