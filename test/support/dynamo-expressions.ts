/**
 * A small evaluator of the DynamoDB expressions our adapters send (condition expressions with
 * comparisons, AND/OR/NOT, parentheses, attribute_exists/attribute_not_exists/begins_with; update
 * expressions with SET and ADD of numbers), over plain items. Unit tests put it behind
 * aws-sdk-client-mock to run the adapters' REAL expressions against a table in memory, with the
 * same one-item atomicity DynamoDB gives, so races are decided by the expressions themselves.
 */
export type Item = Record<string, unknown>;

interface Names {
  names?: Record<string, string> | undefined;
  values?: Record<string, unknown> | undefined;
}

type Token = { kind: 'word' | 'value' | 'name' | 'op' | 'punct'; text: string };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(<=|>=|<>|=|<|>|\+|-)|([(),])|(:[A-Za-z0-9_]+)|(#[A-Za-z0-9_]+)|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(expression);
    if (!match) throw new Error(`Cannot read the expression at "${expression.slice(at)}"`);
    at = pattern.lastIndex;
    if (match[1]) tokens.push({ kind: 'op', text: match[1] });
    else if (match[2]) tokens.push({ kind: 'punct', text: match[2] });
    else if (match[3]) tokens.push({ kind: 'value', text: match[3] });
    else if (match[4]) tokens.push({ kind: 'name', text: match[4] });
    else tokens.push({ kind: 'word', text: match[5]! });
  }
  return tokens;
}

function attributeName(token: Token, context: Names): string {
  if (token.kind === 'name') {
    const name = context.names?.[token.text];
    if (name === undefined) throw new Error(`No ExpressionAttributeNames entry for ${token.text}`);
    return name;
  }
  if (token.kind === 'word') return token.text;
  throw new Error(`Expected an attribute name, found ${token.text}`);
}

function operandValue(token: Token, item: Item | undefined, context: Names): unknown {
  if (token.kind === 'value') {
    if (!context.values || !(token.text in context.values)) throw new Error(`No ExpressionAttributeValues entry for ${token.text}`);
    return context.values[token.text];
  }
  return item?.[attributeName(token, context)];
}

function compare(op: string, left: unknown, right: unknown): boolean {
  // DynamoDB compares only values of one type; a missing attribute makes a comparison false.
  if (left === undefined || right === undefined) return op === '<>' ? left !== right : false;
  if (op === '=') return left === right;
  if (op === '<>') return left !== right;
  if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
  const l = left;
  const r = right as number | string;
  return op === '<' ? l < r : op === '<=' ? l <= r : op === '>' ? l > r : l >= r;
}

/** True when `expression` holds for `item` (undefined: no item with that key). */
export function evaluateCondition(expression: string, item: Item | undefined, context: Names): boolean {
  const tokens = tokenize(expression);
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++]!;
  const expect = (text: string) => {
    const token = next();
    if (token?.text !== text) throw new Error(`Expected "${text}" in ${expression}`);
  };
  const or = (): boolean => {
    let value = and();
    while (peek()?.kind === 'word' && peek()!.text.toUpperCase() === 'OR') {
      next();
      const right = and();
      value = value || right;
    }
    return value;
  };
  const and = (): boolean => {
    let value = unary();
    while (peek()?.kind === 'word' && peek()!.text.toUpperCase() === 'AND') {
      next();
      const right = unary();
      value = value && right;
    }
    return value;
  };
  const unary = (): boolean => {
    const token = peek();
    if (token?.kind === 'word' && token.text.toUpperCase() === 'NOT') {
      next();
      return !unary();
    }
    if (token?.text === '(') {
      next();
      const value = or();
      expect(')');
      return value;
    }
    if (token?.kind === 'word' && ['attribute_exists', 'attribute_not_exists', 'begins_with'].includes(token.text)) {
      next();
      expect('(');
      const first = next();
      if (token.text === 'begins_with') {
        expect(',');
        const prefix = operandValue(next(), item, context);
        expect(')');
        const value = operandValue(first, item, context);
        return typeof value === 'string' && typeof prefix === 'string' && value.startsWith(prefix);
      }
      expect(')');
      const exists = item !== undefined && item[attributeName(first, context)] !== undefined;
      return token.text === 'attribute_exists' ? exists : !exists;
    }
    const left = next();
    const op = next();
    if (op?.kind !== 'op') throw new Error(`Expected a comparison in ${expression}`);
    return compare(op.text, operandValue(left, item, context), operandValue(next(), item, context));
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`Unexpected "${tokens[at]!.text}" in ${expression}`);
  return value;
}

/** Applies `SET a = :v, b = b + :n` and `ADD c :n` clauses to a copy of `item` (created when missing). */
export function applyUpdate(expression: string, item: Item | undefined, key: Item, context: Names): Item {
  const result: Item = { ...(item ?? key) };
  const clauses = expression.split(/\b(SET|ADD)\b/).slice(1);
  for (let i = 0; i < clauses.length; i += 2) {
    const action = clauses[i]!;
    for (const part of clauses[i + 1]!.split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const tokens = tokenize(part);
      const target = attributeName(tokens[0]!, context);
      if (action === 'ADD') {
        const amount = operandValue(tokens[1]!, result, context) as number;
        result[target] = ((result[target] as number | undefined) ?? 0) + amount;
        continue;
      }
      if (tokens[1]?.text !== '=') throw new Error(`Expected "=" in ${part}`);
      const first = operandValue(tokens[2]!, result, context);
      if (tokens.length === 5 && (tokens[3]!.text === '+' || tokens[3]!.text === '-')) {
        const second = operandValue(tokens[4]!, result, context) as number;
        result[target] = tokens[3]!.text === '+' ? (first as number) + second : (first as number) - second;
      } else result[target] = first;
    }
  }
  return result;
}

/** A table in memory keyed by pk and sk. */
export class ExpressionTable {
  readonly items = new Map<string, Item>();
  static keyOf = (key: { pk?: unknown; sk?: unknown }) => `${String(key.pk)}|${String(key.sk)}`;
  get(key: { pk: unknown; sk: unknown }): Item | undefined {
    return this.items.get(ExpressionTable.keyOf(key));
  }
  put(item: Item): void {
    this.items.set(ExpressionTable.keyOf(item), { ...item });
  }
}
