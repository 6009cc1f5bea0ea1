const units = ['KB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 KB" (binary multiples, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** The last segment of a path, without the trailing slash of a folder: "a/b/" -> "b". */
export function baseName(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** "a/b/c/" -> [{name:"a",path:"a/"},{name:"b",path:"a/b/"},{name:"c",path:"a/b/c/"}] */
export function crumbsOf(folderPath: string): { name: string; path: string }[] {
  const crumbs: { name: string; path: string }[] = [];
  let path = '';
  for (const segment of folderPath.split('/').filter(Boolean)) {
    path += `${segment}/`;
    crumbs.push({ name: segment, path });
  }
  return crumbs;
}

/** The folder holding a path: "a/b/c.txt" -> "a/b/", "a/b/" -> "a/", "c.txt" -> "". */
export function parentOf(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

/** "1 item", "3 items"; `many` for irregular plurals ("item was", "items were"). */
export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
