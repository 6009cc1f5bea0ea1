import MarkdownIt from 'markdown-it';

/**
 * Markdown to HTML, safely: markdown-it with raw HTML off (a `<script>` in the file is shown as
 * text), its link check (no `javascript:`, `vbscript:`, `file:` or `data:` links), links opened
 * in a new tab without a referrer, images shown as links (the page loads nothing from elsewhere,
 * and the CSP would refuse it), and no inline styles (table alignment becomes a class).
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

markdown.renderer.rules.image = (tokens, index) => {
  const token = tokens[index]!;
  const src = String(token.attrGet('src') ?? '');
  const alt = markdown.utils.escapeHtml(token.content || src);
  return markdown.validateLink(src)
    ? `<a href="${markdown.utils.escapeHtml(src)}" target="_blank" rel="noopener noreferrer">[image: ${alt}]</a>`
    : `[image: ${alt}]`;
};

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]!.attrSet('target', '_blank');
  tokens[index]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, index, options, env, self);
};

markdown.core.ruler.push('no-inline-styles', (state) => {
  for (const token of state.tokens) {
    if ((token.type === 'th_open' || token.type === 'td_open') && token.attrs) {
      const align = /text-align:(left|right|center)/.exec(String(token.attrGet('style') ?? ''))?.[1];
      token.attrs = token.attrs.filter(([name]) => name !== 'style');
      if (align) token.attrJoin('class', `align-${align}`);
    }
  }
});

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
