import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Message = string | { one?: string; other: string };
type Catalog = Record<string, Message>;

const webSrc = path.resolve('web/src');
const filesUnder = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).map((file) => path.join(dir, file));
const relative = (file: string) => path.relative(process.cwd(), file).split(path.sep).join('/');

/** Every `i18n/en.ts` of the web app and of the emails, with its Chinese counterpart. */
const catalogPairs = [...filesUnder(webSrc), ...filesUnder(path.resolve('functions/lib/domain/notify'))]
  .filter((file) => file.endsWith(`${path.sep}i18n${path.sep}en.ts`))
  .map((en) => ({ en, zh: path.join(path.dirname(en), 'zh-CN.ts') }));

const load = async (file: string) => ((await import(file)) as { default: Catalog }).default;
const paramsOf = (message: Message) =>
  [
    ...new Set([...(typeof message === 'string' ? [message] : Object.values(message)).join(' ').matchAll(/\{(\w+)\}/g)].map((m) => m[1])),
  ].sort();

describe('message catalogs', () => {
  it('are found for the recipient page, the upload-link page, the shared components and the emails', () => {
    const names = catalogPairs.map((pair) => relative(pair.en));
    for (const expected of [
      'web/src/common/i18n/en.ts',
      'web/src/share/i18n/en.ts',
      'web/src/request/i18n/en.ts',
      'web/src/owner/i18n/en.ts',
    ]) {
      expect(names).toContain(expected);
    }
    expect(names.some((name) => name.startsWith('functions/lib/domain/notify/'))).toBe(true);
  });

  it.each(catalogPairs.map((pair) => [relative(pair.en), pair] as const))(
    '%s: English and Chinese have the same keys and the same {params}',
    async (_name, pair) => {
      const [en, zh] = [await load(pair.en), await load(pair.zh)];
      expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en)) {
        expect({ key, params: paramsOf(zh[key]!) }).toEqual({ key, params: paramsOf(en[key]!) });
        // A plural message always has the form every language falls back to.
        for (const message of [en[key]!, zh[key]!]) if (typeof message !== 'string') expect(message.other, key).toBeTruthy();
        expect(typeof zh[key] === 'string' ? zh[key] : (zh[key] as { other: string }).other, key).not.toBe('');
      }
    },
  );
});

const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-valuetext', 'label']);
const hasLetters = (text: string) => /\p{L}/u.test(text);

/** Texts a person would read that are written into a component instead of coming from a catalog. */
function hardCodedTexts(source: string, fileName = 'component.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const literalText = (node: ts.Node | undefined): string | undefined => {
    if (!node) return undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
    if (ts.isJsxExpression(node)) return literalText(node.expression);
    if (ts.isConditionalExpression(node))
      return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(' ') || undefined;
    if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
    return undefined;
  };
  // A module-level `const text = { … }` holds texts just as JSX does: each literal value with letters counts (keys do not).
  const inTextObject = (node: ts.Node) => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && hasLetters(node.text)) {
      const isKey = ts.isPropertyAssignment(node.parent) && node.parent.name === node;
      // A call's argument is a catalog key (`t('key')`), not a text.
      if (!isKey && !ts.isCallExpression(node.parent)) found.push(`${where(node)} text object "${node.text}"`);
    }
    if (ts.isTemplateExpression(node)) {
      const text = literalText(node);
      if (text && hasLetters(text)) found.push(`${where(node)} text object "${text}"`);
      return;
    }
    ts.forEachChild(node, inTextObject);
  };
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === 'text' && declaration.initializer) {
        let value: ts.Expression = declaration.initializer;
        while (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value)) value = value.expression;
        if (ts.isObjectLiteralExpression(value)) inTextObject(value);
      }
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetters(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const text = literalText(node.expression);
      if (text && hasLetters(text)) found.push(`${where(node)} text {"${text}"}`);
    }
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(file))) {
      const text = literalText(node.initializer);
      if (text && hasLetters(text)) found.push(`${where(node)} ${node.name.getText(file)}="${text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('components', () => {
  it('the check finds text nodes, texts in expressions and text attributes written into JSX', () => {
    const sample = `export const A = () => (
      <div title="Tip" aria-label={\`Open \${name}\`}>
        Hello
        {busy ? 'Checking…' : 'OK'}
        <img alt="A photo" />
        <input placeholder={t('x')} aria-label={label} />
        {t('fine')} — {count} · 12
      </div>
    );`;
    const found = hardCodedTexts(sample);
    expect(found).toHaveLength(5);
    expect(found.join('\n')).toMatch(/title="Tip"[\s\S]*aria-label="Open[\s\S]*text "Hello"[\s\S]*Checking…[\s\S]*alt="A photo"/);
  });

  it('the check finds the texts of a module-level `const text = { … }` object, not its keys or its t() calls', () => {
    const sample = `const text = {
      title: 'Partners',
      'quoted key': t('fine'),
      sent: (email: string) => \`Sent to \${email}.\`,
      nested: { on: 'Invited' } as Record<string, string>,
      symbol: '·',
    };`;
    const found = hardCodedTexts(sample);
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/"Partners"[\s\S]*"Sent to[\s\S]*"Invited"/);
  });

  it('take every text a person reads from the catalogs (web/src/**/*.tsx)', () => {
    const components = filesUnder(webSrc).filter((file) => file.endsWith('.tsx'));
    expect(components.length).toBeGreaterThan(30);
    const offenders = components.map(relative).flatMap((file) => hardCodedTexts(readFileSync(file, 'utf8'), file));
    expect(offenders).toEqual([]);
  });
});
