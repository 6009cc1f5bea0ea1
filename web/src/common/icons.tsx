/** Small inline icons (decorative: each sits next to text that says the same). */
export function FolderIcon() {
  return (
    <svg class="icon icon-folder" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path
        d="M2.5 5.5A1.5 1.5 0 0 1 4 4h3.6l1.6 1.8H16a1.5 1.5 0 0 1 1.5 1.5v7.2A1.5 1.5 0 0 1 16 16H4a1.5 1.5 0 0 1-1.5-1.5z"
        fill="currentColor"
      />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg class="icon icon-file" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <path
        d="M5 2.5h6.5L15.5 6.5v10a1 1 0 0 1-1 1h-9.5a1 1 0 0 1-1-1v-13a1 1 0 0 1 1-1z"
        fill="none"
        stroke="currentColor"
        stroke-width="1.4"
      />
      <path d="M11.5 2.5v4h4" fill="none" stroke="currentColor" stroke-width="1.4" />
    </svg>
  );
}

export function UploadIcon() {
  return (
    <svg class="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <path
        d="M10 13V3.5M6 7.5l4-4 4 4M3.5 13.5v2a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1v-2"
        fill="none"
        stroke="currentColor"
        stroke-width="1.7"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export function LinkIcon() {
  return (
    <svg class="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <path
        d="M8.5 11.5a3.2 3.2 0 0 0 4.6 0l2.6-2.6a3.2 3.2 0 0 0-4.6-4.6l-.9.9M11.5 8.5a3.2 3.2 0 0 0-4.6 0l-2.6 2.6a3.2 3.2 0 0 0 4.6 4.6l.9-.9"
        fill="none"
        stroke="currentColor"
        stroke-width="1.7"
        stroke-linecap="round"
      />
    </svg>
  );
}

export function DownloadIcon() {
  return (
    <svg class="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <path
        d="M10 3.5V13M6 9l4 4 4-4M3.5 13.5v2a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1v-2"
        fill="none"
        stroke="currentColor"
        stroke-width="1.7"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export function LockIcon() {
  return (
    <svg class="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      <rect x="4" y="9" width="12" height="8.5" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.6" />
      <path d="M7 9V6.5a3 3 0 0 1 6 0V9" fill="none" stroke="currentColor" stroke-width="1.6" />
    </svg>
  );
}

export function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="currentColor" />
      <path
        d="M13.5 18.5a4.5 4.5 0 0 0 6.4 0l3.6-3.6a4.5 4.5 0 0 0-6.4-6.4l-1.2 1.2M18.5 13.5a4.5 4.5 0 0 0-6.4 0l-3.6 3.6a4.5 4.5 0 0 0 6.4 6.4l1.2-1.2"
        fill="none"
        stroke="#fff"
        stroke-width="2.4"
        stroke-linecap="round"
      />
    </svg>
  );
}

export function CheckIcon() {
  return (
    <svg class="icon icon-check" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <circle cx="10" cy="10" r="8.5" fill="currentColor" />
      <path d="M6.2 10.3l2.5 2.5 5-5.2" fill="none" stroke="#fff" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

/** A broken link, for pages that say a link can no longer be used. */
export function OutcomeIcon() {
  return (
    <span class="outcome-icon" aria-hidden="true">
      <svg viewBox="0 0 24 24" width="28" height="28">
        <path
          d="M9.5 14.5l-1.6 1.6a3.2 3.2 0 0 1-4.5-4.5l2.4-2.4a3.2 3.2 0 0 1 4.1-.4M14.5 9.5l1.6-1.6a3.2 3.2 0 0 1 4.5 4.5l-2.4 2.4a3.2 3.2 0 0 1-4.1.4M4 4l16 16"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
          stroke-linecap="round"
        />
      </svg>
    </span>
  );
}
