import { useEffect, useRef, useState } from 'preact/hooks';
import { thumbnailUrl } from '../lib/thumbnails.js';
import { FileTypeIcon } from './FileTypeIcon.js';

interface ThumbnailProps {
  shareId: string;
  token: string;
  fileId: string;
}

/**
 * An image row's small picture, asked for when the row scrolls into view: the original while
 * downloads are allowed, a 256 px render otherwise (the API decides). The type icon stands in
 * until it arrives, and for good if it cannot be had.
 */
export function Thumbnail({ shareId, token, fileId }: ThumbnailProps) {
  const holder = useRef<HTMLSpanElement>(null);
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    let cancelled = false;
    const observer = new IntersectionObserver((seen) => {
      if (!seen.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      thumbnailUrl(shareId, token, fileId).then(
        (found) => !cancelled && setUrl(found),
        () => !cancelled && setFailed(true),
      );
    });
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [shareId, token, fileId]);

  return (
    <span class="entry-thumb" ref={holder}>
      {url && !failed ? (
        <img src={url} alt="" loading="lazy" decoding="async" onError={() => setFailed(true)} data-testid="entry-thumbnail" />
      ) : (
        <FileTypeIcon kind="image" />
      )}
    </span>
  );
}
