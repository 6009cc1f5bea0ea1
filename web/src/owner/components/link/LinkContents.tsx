import { FileIcon, FolderIcon } from '../../../common/icons.js';
import { MiddleEllipsis } from '../../../common/MiddleEllipsis.js';
import type { Share } from '../../types.js';
import { t } from '../../i18n/index.js';

/** The side column of a link's page: what it shares, and who was emailed with which message. */
export function LinkContents({ share }: { share: Share }) {
  return (
    <div class="detail-side">
      <div class="card detail-card">
        <h2>{t('link.contents.shared', { count: share.items.length })}</h2>
        <ul class="detail-items" data-testid="detail-items">
          {share.items.map((item) => (
            <li key={item.path} data-testid="detail-item" data-kind={item.kind}>
              {item.kind === 'folder' ? <FolderIcon /> : <FileIcon />}
              <span class="detail-item-text">
                <MiddleEllipsis text={item.alias} class="detail-item-alias" testId="detail-item-alias" />
                <span class="muted detail-item-path">
                  {item.kind === 'folder' ? t('link.contents.folder') : t('link.contents.file')} · <MiddleEllipsis text={item.path} />
                </span>
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div class="card detail-card">
        <h2>{t('link.contents.recipients')}</h2>
        {share.recipients.length ? (
          <ul class="chips" data-testid="detail-recipients">
            {share.recipients.map((address) => (
              <li class="chip" key={address}>
                {address}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted" data-testid="detail-recipients">
            {t('link.contents.nobody')}
          </p>
        )}
        {share.message && (
          <blockquote class="share-message" data-testid="detail-message">
            {share.message}
          </blockquote>
        )}
        <p class="muted detail-foot">{share.notifyOnDownload ? t('link.contents.notify') : t('link.contents.noNotify')}</p>
      </div>
    </div>
  );
}
