/**
 * What a person picked or dropped: files with their paths below a folder, and folders that
 * have no file to carry them. A dropped or picked folder keeps its structure.
 */

/** A file to upload and the path it goes to (below the folder it was dropped or picked in). */
export interface PendingUpload {
  file: File;
  path: string;
}

/** What a drop or a folder pick holds: files, and folders that have no files to carry them. */
export interface PickedFiles {
  files: PendingUpload[];
  emptyFolders: string[];
}

/** Files from `<input webkitdirectory>` carry their path below the picked folder. */
export function filesFromInput(list: FileList | null, prefix: string): PendingUpload[] {
  return [...(list ?? [])].map((file) => ({ file, path: prefix + (file.webkitRelativePath || file.name) }));
}

/**
 * Expands a drop into files, walking dropped folders (webkitGetAsEntry, supported by every
 * current browser) so their structure is kept under the current folder.
 */
export async function filesFromDrop(dataTransfer: DataTransfer, prefix: string): Promise<PickedFiles> {
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => !!entry);
  if (entries.length === 0) {
    return { files: filesFromInput(dataTransfer.files, prefix), emptyFolders: [] };
  }
  const picked: PickedFiles = { files: [], emptyFolders: [] };
  const walk = async (entry: FileSystemEntry, base: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      picked.files.push({ file, path: base + file.name });
      return;
    }
    const folder = `${base}${entry.name}/`;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    let children = 0;
    // readEntries returns batches (about 100 at a time) until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      children += batch.length;
      for (const child of batch) await walk(child, folder);
    }
    if (children === 0) picked.emptyFolders.push(folder);
  };
  for (const entry of entries) await walk(entry, prefix);
  return picked;
}
