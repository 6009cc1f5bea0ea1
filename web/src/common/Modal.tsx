import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ct } from './texts.js';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  testId?: string;
  wide?: boolean;
  /** alertdialog for confirmations, so screen readers read the question at once. */
  role?: 'dialog' | 'alertdialog';
  describedBy?: string;
}

let nextId = 0;

/**
 * A native modal <dialog>: the browser traps focus, makes the page behind inert and closes
 * on Escape. Rendered only while open; focus returns to where it was on close.
 */
export function Modal({ title, onClose, children, testId, wide, role = 'dialog', describedBy }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useRef(`modal-title-${++nextId}`).current;
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`modal ${wide ? 'modal-wide' : ''}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-testid={testId}
      onCancel={(event) => {
        // Escape: let the owner of the state decide (it unmounts us), do not close behind its back.
        event.preventDefault();
        onClose();
      }}
    >
      <div class="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" class="btn-icon" aria-label={ct('common.close')} onClick={onClose}>
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
          </svg>
        </button>
      </div>
      <div class="modal-body">{children}</div>
    </dialog>
  );
}
