import { parentOf } from '../../../common/format.js';
import { FileIcon, FolderIcon } from '../../../common/icons.js';
import { MiddleEllipsis } from '../../../common/MiddleEllipsis.js';
import { fmt, t } from '../../i18n/index.js';
import { filesHref } from '../../lib/router.js';
import type { FileRequestDetail } from '../../types.js';

/** What arrived, by uploader, each with a link to their folder and each file's folder in "My files". */
export function ReceivedFiles({ request }: { request: FileRequestDetail }) {
  const { uploaders, truncated } = request.received;
  const format = fmt();
  return (
    <section class="card detail-card received" aria-labelledby="received-title" data-testid="received">
      <h2 id="received-title">{t('requests.received.title')}</h2>
      <p class="muted subtitle">
        {t('requests.received.total', { count: request.filesReceived, size: format.formatBytes(request.bytesReceived) })}
      </p>
      {uploaders.length === 0 && (
        <p class="empty-state muted" data-testid="received-empty">
          {t('requests.received.empty')}
        </p>
      )}
      {uploaders.map((uploader) => (
        <div class="received-uploader" key={uploader.visitId} data-testid="received-uploader" data-name={uploader.name}>
          <h3>
            <a href={filesHref(uploader.folder)} class="entry-name" data-testid="received-folder">
              <FolderIcon />
              <MiddleEllipsis text={uploader.name} />
            </a>
          </h3>
          <p class="muted">
            {uploader.email && (
              <>
                <a href={`mailto:${uploader.email}`}>{uploader.email}</a> ·{' '}
              </>
            )}
            {t('requests.received.visit', {
              count: uploader.files.length,
              size: format.formatBytes(uploader.bytes),
              date: format.formatDateTime(uploader.at),
            })}
          </p>
          <ul class="received-files">
            {uploader.files.map((file) => (
              <li key={file.path} data-testid="received-file">
                <a href={filesHref(parentOf(file.path))} class="entry-name" title={file.path}>
                  <FileIcon />
                  <MiddleEllipsis text={file.name} />
                </a>
                <span class="muted">{format.formatBytes(file.size)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {truncated && <p class="hint">{t('requests.received.truncated')}</p>}
    </section>
  );
}
