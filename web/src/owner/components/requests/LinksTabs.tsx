/** The owner's links come in two kinds, listed side by side: share links and file requests. */
export function LinksTabs({ current }: { current: 'shares' | 'requests' }) {
  return (
    <nav class="segmented links-tabs" aria-label="Kind of link">
      <a href="#/links" aria-current={current === 'shares' ? 'page' : undefined} data-testid="tab-shares">
        Share links
      </a>
      <a href="#/requests" aria-current={current === 'requests' ? 'page' : undefined} data-testid="tab-requests">
        File requests
      </a>
    </nav>
  );
}
