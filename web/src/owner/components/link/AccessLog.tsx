import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { LoadError, LoadMore } from '../../../common/ListStatus.js';
import { usePagedList } from '../../../common/usePagedList.js';
import { listShareEvents } from '../../api.js';
import { describeEvent, shortClient, shortUserAgent } from '../../lib/events.js';
import type { ShareEvent } from '../../types.js';
import { fmt, t } from '../../i18n/index.js';

/** Links and file requests log the same kind of event (uploads carry the uploader and size). */
type LogEvent = ShareEvent;

interface AccessLogProps {
  /** The link's id: the log starts over when it changes. */
  subject: string;
  /** One page of the link's events, newest first. */
  fetchPage: (cursor: string | null) => Promise<{ events: LogEvent[]; nextCursor: string | null }>;
  /** What the log sums up, under its title. */
  intro: ComponentChildren;
  emptyText: string;
}

/** A share link's access log: who opened and downloaded it, or was refused. */
export function ShareAccessLog({ shareId, downloadCount }: { shareId: string; downloadCount: number }) {
  return (
    <AccessLog
      subject={shareId}
      fetchPage={(cursor) => listShareEvents(shareId, cursor)}
      intro={
        <>
          {t('link.log.newest')} {t('link.log.downloadsBefore')} <span data-testid="detail-downloads">{downloadCount}</span>{' '}
          {t('link.log.downloadsAfter', { count: downloadCount })}
        </>
      }
      emptyText={t('link.log.empty')}
    />
  );
}

/** Who used the link (share or file request), or was refused, newest first, page by page. */
export function AccessLog({ subject, fetchPage, intro, emptyText }: AccessLogProps) {
  const [log, loadPage] = usePagedList<LogEvent>();
  // Read when loading: callers pass a new function every render, which must not reload the log.
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  const load = useCallback(
    (cursor: string | null) =>
      loadPage(cursor, async () => {
        const page = await fetcher.current(cursor);
        return { items: page.events, nextCursor: page.nextCursor };
      }),
    [subject, loadPage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section class="card detail-card access-log" aria-labelledby="access-log-title">
      <div class="card-heading">
        <div>
          <h2 id="access-log-title">{t('link.log.title')}</h2>
          <p class="muted subtitle">
            {intro} {t('link.log.addresses')}
          </p>
        </div>
        <button
          type="button"
          class="btn btn-secondary btn-small"
          onClick={() => load(null)}
          disabled={log.loading}
          data-testid="events-refresh"
        >
          {t('link.log.refresh')}
        </button>
      </div>
      {log.items.length > 0 && (
        <div class="table-scroll">
          <table class="table events-table" data-testid="events-table">
            <thead>
              <tr>
                <th class="col-date">{t('link.log.when')}</th>
                <th>{t('link.log.what')}</th>
                <th>{t('link.log.client')}</th>
                <th>{t('link.log.browser')}</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((event, index) => (
                <EventRow key={`${event.at}-${index}`} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.loading && (
        <p class="table-state" role="status">
          {t('link.log.loading')}
        </p>
      )}
      {log.error && <LoadError message={log.error} testId="events-error" onRetry={() => load(null)} />}
      {!log.loading && !log.error && log.items.length === 0 && (
        <p class="empty-state muted" data-testid="events-empty">
          {emptyText}
        </p>
      )}
      <LoadMore show={!!log.nextCursor && !log.loading} testId="events-load-more" onLoad={() => load(log.nextCursor)} />
    </section>
  );
}

function EventRow({ event }: { event: LogEvent }) {
  const described = describeEvent(event);
  return (
    <tr data-testid="event-row" data-kind={event.kind}>
      <td class="col-date" title={event.at}>
        {fmt().formatDateTime(event.at)}
      </td>
      <td>
        <span class={`event-text event-${described.tone}`} data-testid="event-text">
          {described.text}
        </span>
        {event.file && <span class="muted event-file"> {event.file}</span>}
        {'size' in event && event.size !== undefined && <span class="muted event-file"> ({fmt().formatBytes(event.size)})</span>}
        {'fileCount' in event && event.fileCount !== undefined && (
          <span class="muted event-file" data-testid="event-file-count">
            {t('link.log.zip', { count: event.fileCount })}
          </span>
        )}
      </td>
      <td>
        {'email' in event && event.email ? (
          <span data-testid="event-email">{event.email}</span>
        ) : (
          <span class="mono event-client" title={event.client}>
            {shortClient(event.client)}
          </span>
        )}
      </td>
      <td title={event.userAgent} data-testid="event-agent">
        {shortUserAgent(event.userAgent)}
      </td>
    </tr>
  );
}
