import { useEffect } from 'preact/hooks';
import { AccessForm } from './components/AccessForm.js';
import { DropZone } from './components/DropZone.js';
import { Frame } from './components/Frame.js';
import { Gone, Receipt, Unavailable } from './components/Outcome.js';
import { RequestSummary } from './components/RequestSummary.js';
import { UploadList } from './components/UploadList.js';
import { useRequestAccess } from './hooks/useRequestAccess.js';
import { useUploads } from './hooks/useUploads.js';
import { ct } from '../common/texts.js';
import { WithSlot } from '../common/WithSlot.js';
import { t } from './i18n/index.js';
import { isTerminal, terminalMessage } from './lib/messages.js';

/** The uploader page (/r/<id>): the link's state decides what shows. */
export function RequestApp({ requestId }: { requestId: string }) {
  const { phase, start, opened, accessEnded, refresh } = useRequestAccess(requestId);
  const token = phase.name === 'open' ? phase.visit.token : undefined;
  const uploads = useUploads(requestId, token, () => void refresh());

  useEffect(() => {
    const brand = ct('common.brand');
    document.title =
      phase.name === 'gone'
        ? `${terminalMessage(phase.code).title} · ${brand}`
        : phase.name === 'locked' || phase.name === 'open'
          ? `${phase.request.title} · ${t('request.pageTitle')} · ${brand}`
          : `${t('request.pageTitle')} · ${brand}`;
  }, [phase]);

  useEffect(() => {
    if (uploads.stop?.reason === 'access-ended' && phase.name === 'open') accessEnded(phase.request);
  }, [uploads.stop]);

  if (phase.name === 'loading') {
    return (
      <Frame>
        <p class="boot" role="status">
          {t('request.opening')}
        </p>
      </Frame>
    );
  }
  if (phase.name === 'gone') {
    return (
      <Frame>
        <Gone code={phase.code} />
        {uploads.items.length > 0 && <Receipt items={uploads.items} stop={uploads.stop} />}
      </Frame>
    );
  }
  if (phase.name === 'unavailable') {
    return (
      <Frame>
        <Unavailable message={phase.message} onRetry={() => void start()} />
      </Frame>
    );
  }
  const closed = uploads.stop?.reason === 'closed';
  const finished = uploads.items.length > 0 && !uploads.busy;
  return (
    <Frame>
      <section class="card uploader-card" data-testid="request-page">
        <RequestSummary request={phase.request} />
        {phase.name === 'locked' ? (
          <AccessForm
            request={phase.request}
            notice={phase.notice}
            onOpened={(visit) => opened(phase.request, visit)}
            onFatal={(error) => {
              if (!isTerminal(error)) return false;
              void start();
              return true;
            }}
          />
        ) : (
          <>
            <p class="muted visit-name" data-testid="visit-name">
              <WithSlot text={t('request.sendingAs')} slot="name">
                <strong>{phase.visit.name}</strong>
              </WithSlot>
            </p>
            {!closed && <DropZone onFiles={uploads.add} disabled={closed} />}
          </>
        )}
        <UploadList items={uploads.items} onCancel={uploads.cancel} onCancelAll={uploads.cancelAll} />
        {(finished || closed) && <Receipt items={uploads.items} stop={uploads.stop} />}
      </section>
    </Frame>
  );
}
