import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import type { ShareEntry } from '../types.js';
import type { ViewerProps } from '../viewer/Viewer.js';

export interface ViewerTarget {
  /** The previewable files of the folder shown, for next/previous. */
  entries: ShareEntry[];
  index: number;
  /** Gets the focus back when the viewer closes. */
  opener: HTMLElement;
}

type HostProps = Omit<ViewerProps, 'entries' | 'index' | 'onIndex' | 'onClose'> & {
  target: ViewerTarget | undefined;
  onTarget: (target: ViewerTarget | undefined) => void;
};

let loaded: Promise<ComponentType<ViewerProps>> | undefined;
/** The viewers are their own chunk (web/build.ts splits the recipient page): loaded on the first open. */
const loadViewer = () => (loaded ??= import('../viewer/Viewer.js').then((module) => module.Viewer));

/** The viewer for the file the recipient opened, loaded on demand; focus goes back to its row on close. */
export function ViewerHost({ target, onTarget, ...props }: HostProps) {
  const [Viewer, setViewer] = useState<ComponentType<ViewerProps>>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!target || Viewer) return;
    loadViewer().then(
      (component) => setViewer(() => component),
      () => setFailed(true),
    );
  }, [target, Viewer]);

  if (!target) return null;
  const close = () => {
    onTarget(undefined);
    // After the dialog is gone: the row's button takes the focus back.
    setTimeout(() => target.opener.focus(), 0);
  };
  if (!Viewer) {
    return (
      <p class={`alert ${failed ? 'alert-error' : 'alert-info'}`} role="status" data-testid="viewer-loading">
        {t(failed ? 'share.viewer.loadFailed' : 'share.viewer.opening')}
      </p>
    );
  }
  return (
    <Viewer {...props} entries={target.entries} index={target.index} onIndex={(index) => onTarget({ ...target, index })} onClose={close} />
  );
}
