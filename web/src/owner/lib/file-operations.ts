/** What "My files" does to stored files beyond listing and uploading: deleting, and naming new folders. */
import { deleteFiles } from '../api.js';
import type { DeletedFiles } from '../types.js';
import { t } from '../i18n/index.js';

/**
 * Deletes the paths, calling again with what the server left `pending` (a large folder takes
 * several calls: each stops in time), and adds the answers up.
 */
export async function deleteCompletely(paths: string[]): Promise<DeletedFiles> {
  const total: DeletedFiles = { deleted: [], notFound: [], pending: [], deletedObjects: 0 };
  for (let left = paths; left.length > 0;) {
    const answer = await deleteFiles(left);
    for (const entry of answer.deleted) {
      const known = total.deleted.find((item) => item.path === entry.path);
      if (known) known.objects += entry.objects;
      else total.deleted.push({ ...entry });
    }
    total.notFound.push(...answer.notFound.filter((path) => !total.deleted.some((item) => item.path === path)));
    total.deletedObjects += answer.deletedObjects;
    left = answer.pending;
  }
  return total;
}

/** Folder names are one path segment; the server checks again and explains what it refuses. */
export function folderNameProblem(name: string): string | undefined {
  if (!name.trim()) return t('account.folderName.empty');
  if (name.includes('/') || name.includes('\\')) return t('account.folderName.slash');
  if (name === '.' || name === '..') return t('account.folderName.reserved');
  if (name.trim() !== name) return t('account.folderName.spaces');
  return undefined;
}
