/** A zip file name from a display name: characters that file systems refuse become "_". */
export function zipNameOf(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'files';
  return `${safe}.zip`;
}
