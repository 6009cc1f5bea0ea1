/** What a file is, by its extension: for icons, thumbnails and which viewer opens it. */
export type FileKind = 'image' | 'pdf' | 'video' | 'audio' | 'text' | 'archive' | 'document' | 'other';

const KINDS: Record<FileKind, string[]> = {
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'tif', 'tiff', 'bmp', 'heic', 'heif', 'svg'],
  pdf: ['pdf'],
  video: ['mp4', 'm4v', 'webm', 'mov', 'ogv', 'mkv', 'avi'],
  audio: ['mp3', 'm4a', 'aac', 'wav', 'flac', 'ogg', 'oga', 'opus'],
  text: ['txt', 'text', 'md', 'markdown', 'csv', 'tsv', 'log', 'json'],
  archive: ['zip', '7z', 'rar', 'tar', 'gz', 'tgz', 'bz2', 'xz'],
  document: ['doc', 'docx', 'odt', 'rtf', 'xls', 'xlsx', 'ods', 'ppt', 'pptx', 'odp', 'pages', 'numbers', 'key'],
  other: [],
};

const BY_EXTENSION = new Map<string, FileKind>(
  (Object.entries(KINDS) as [FileKind, string[]][]).flatMap(([kind, extensions]) => extensions.map((ext) => [ext, kind] as const)),
);

export function fileKindOf(name: string): FileKind {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? 'other' : (BY_EXTENSION.get(name.slice(dot + 1).toLowerCase()) ?? 'other');
}

/** SVG is never previewed (it can carry script): an icon only. */
const isSvg = (name: string) => /\.svg$/i.test(name);

/**
 * Whether a viewer opens for the file. In secure view (downloads off, or the limit reached)
 * video and audio have nothing to show: the API never hands out the original.
 */
export function previewable(name: string, secure: boolean): boolean {
  const kind = fileKindOf(name);
  if (isSvg(name)) return false;
  if (kind === 'video' || kind === 'audio') return !secure;
  return kind === 'image' || kind === 'pdf' || kind === 'text';
}

export const hasThumbnail = (name: string) => fileKindOf(name) === 'image' && !isSvg(name);

export const isMarkdown = (name: string) => /\.(md|markdown)$/i.test(name);
