import { t } from '../i18n/index.js';
import type { FileKind } from '../lib/file-kinds.js';

/** The outline shared by every file icon: a page with a folded corner. */
const PAGE = 'M5 2.5h6.5L15.5 6.5v10a1 1 0 0 1-1 1h-9.5a1 1 0 0 1-1-1v-13a1 1 0 0 1 1-1z';

/** What is drawn on the page, per kind. */
const MARKS: Record<FileKind, string> = {
  image: 'M6.5 14.5l2.5-3.2 1.8 2.2 1.3-1.5 1.9 2.5zM8 9.2a1.1 1.1 0 1 0 0-.01',
  pdf: 'M6.5 10h7M6.5 12.5h7M6.5 15h4.5',
  video: 'M8 10v5l4.2-2.5z',
  audio: 'M9 15.2a1.2 1.2 0 1 1-1.2-1.2H9V9.5l4-1v5.2a1.2 1.2 0 1 1-1.2-1.2H13',
  text: 'M6.5 9.5h7M6.5 12h7M6.5 14.5h5',
  archive: 'M10 3v2M10 6.5v2M10 10v2M9 13h2v2.5H9z',
  document: 'M6.5 10h7M6.5 12.5h7M6.5 15h7',
  other: '',
};

/** An icon by file type; decorative (the row names the file), its kind in a tooltip. */
export function FileTypeIcon({ kind }: { kind: FileKind }) {
  return (
    <svg class={`icon icon-file icon-${kind}`} viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" data-kind={kind}>
      <title>{t(`share.kind.${kind}`)}</title>
      <path d={PAGE} fill="none" stroke="currentColor" stroke-width="1.4" />
      <path d="M11.5 2.5v4h4" fill="none" stroke="currentColor" stroke-width="1.4" />
      {MARKS[kind] && <path d={MARKS[kind]} fill="none" stroke="currentColor" stroke-width="1.2" stroke-linejoin="round" />}
    </svg>
  );
}
