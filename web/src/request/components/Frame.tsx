import type { ComponentChildren } from 'preact';
import { Logo } from '../../common/icons.js';

/** The uploader page around every state: the brand on top, the content centred. */
export function Frame({ children }: { children: ComponentChildren }) {
  return (
    <div class="uploader">
      <header class="uploader-top">
        <span class="brand">
          <Logo />
          <span>ShareLink</span>
        </span>
      </header>
      <main id="main" class="uploader-main">
        {children}
      </main>
    </div>
  );
}
