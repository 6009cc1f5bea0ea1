import { useState } from 'preact/hooks';

const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');

/**
 * Files dragged over an element: `dragging` while they hover it (counted per enter and leave,
 * as children fire their own), and `onDrop` with what was dropped. Other drags pass through.
 */
export function useFileDrop(onDrop: (dataTransfer: DataTransfer) => void) {
  const [depth, setDepth] = useState(0);
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDepth((current) => current + 1);
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      setDepth((current) => Math.max(0, current - 1));
    },
    onDrop: (event: DragEvent) => {
      if (!event.dataTransfer) return;
      event.preventDefault();
      setDepth(0);
      onDrop(event.dataTransfer);
    },
  };
  return { dragging: depth > 0, handlers };
}
