import { ct } from './texts.js';

/** What a list or page shows when loading failed: the reason in words and a way to try again. */
export function LoadError(props: { message: string; testId: string; onRetry: () => void; card?: boolean }) {
  return (
    <div class={props.card ? 'card table-state' : 'table-state'}>
      <p class="alert alert-error" role="alert" data-testid={props.testId}>
        {props.message}
      </p>
      <button type="button" class="btn btn-secondary" onClick={props.onRetry}>
        {ct('common.tryAgain')}
      </button>
    </div>
  );
}

/** "Load more" under a paged list, shown while the API says there is a next page. */
export function LoadMore(props: { show: boolean; testId: string; onLoad: () => void }) {
  return props.show ? (
    <div class="load-more">
      <button type="button" class="btn btn-secondary" onClick={props.onLoad} data-testid={props.testId}>
        {ct('common.loadMore')}
      </button>
    </div>
  ) : null;
}

/** The line a list shows while its page is on the way. */
export function Loading() {
  return (
    <p class="table-state" role="status">
      {ct('common.loading')}
    </p>
  );
}
