import { t } from '../i18n/index.js';
import type { PreviewGrant } from '../types.js';

interface PagedImageProps {
  grant: PreviewGrant;
  name: string;
  page: number;
  onPage: (page: number) => void;
  /** Downloads are off or used up: the picture is all the recipient gets. */
  secure: boolean;
}

/**
 * A rendered preview (secure view, and every PDF): a watermarked image of one page, a pager when
 * there are more, and a line saying what the watermark is.
 */
export function PagedImage({ grant, name, page, onPage, secure }: PagedImageProps) {
  const pages = grant.pageCount ?? 1;
  return (
    <figure class="viewer-figure">
      <img
        class="viewer-image"
        src={grant.url}
        alt={pages > 1 ? t('share.viewer.pageAlt', { name, page, pages }) : name}
        data-testid="viewer-image"
      />
      {pages > 1 && (
        <nav class="viewer-pager" aria-label={t('share.viewer.pages')}>
          <button
            type="button"
            class="btn btn-secondary btn-small"
            onClick={() => onPage(page - 1)}
            disabled={page <= 1}
            data-testid="pager-previous"
          >
            {t('share.viewer.previousPage')}
          </button>
          <span role="status" data-testid="pager-status">
            {t('share.viewer.pageStatus', { page, pages })}
          </span>
          <button
            type="button"
            class="btn btn-secondary btn-small"
            onClick={() => onPage(page + 1)}
            disabled={page >= pages}
            data-testid="pager-next"
          >
            {t('share.viewer.nextPage')}
          </button>
        </nav>
      )}
      {grant.watermark && (
        <figcaption class="viewer-caption muted" data-testid="viewer-watermark">
          {t(secure ? 'share.viewer.watermarkSecure' : 'share.viewer.watermark', { watermark: grant.watermark.join(' · ') })}
        </figcaption>
      )}
    </figure>
  );
}
