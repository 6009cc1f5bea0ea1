import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';

/**
 * A folder row's menu: a button that opens a small menu (Escape or a click elsewhere closes it,
 * focus goes back to the button). Its one action so far asks others for files into the folder.
 */
export function FolderRowMenu({ folderName, onRequestFiles }: { folderName: string; onRequestFiles: () => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const away = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div
      class="row-menu"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class="btn btn-ghost btn-small row-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('requests.menu.actions', { name: folderName })}
        onClick={() => setOpen((current) => !current)}
        data-testid="folder-menu"
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div class="row-menu-list" role="menu" aria-label={t('requests.menu.folder', { name: folderName })}>
          <button
            ref={first}
            type="button"
            role="menuitem"
            class="row-menu-item"
            onClick={() => {
              close();
              onRequestFiles();
            }}
            data-testid="folder-request-files"
          >
            {t('requests.menu.requestFiles')}
          </button>
        </div>
      )}
    </div>
  );
}
