/**
 * The no-literal-string check (run by i18n.test.ts): user-facing text must come from the
 * language modules. Uses the TypeScript compiler's parser, so it sees JSX text, attributes and
 * template literals the way the compiler does, not by regex.
 */
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Words, not ids or units: two or more letters of the Latin alphabet. */
const WORDY = /[A-Za-z]{2,}/;
/** File formats and other acronyms are the same in every language (JSON, CSV, PNG). */
const ACRONYMS = /^[\s\dA-Z.·/+-]*$/;
/** JSX attributes whose values people read or hear. */
const READ_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'placeholder',
  'alt',
  'label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
]);
/** Text that is not language: CSS values, URLs, MIME types, file names, format strings. */
const NOT_LANGUAGE = /^(https?:|data:|blob:|mailto:|[\w.-]+\/[\w.+-]+$|[\w-]+\.(json|csv|png|svg|zip|bin|py|txt|md)$|#[0-9a-f]{3,8}$)/i;

function templateText(node: ts.TemplateExpression | ts.NoSubstitutionTemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
}

/**
 * The literal texts an expression can evaluate to: a string or template itself, either branch of
 * `c ? 'a' : 'b'`, the sides of `&&`, `||`, `??` and `+`, through parentheses and `as`. A text
 * that reaches the page through a condition is as visible as one written directly.
 */
function textsOf(e: ts.Expression | undefined): { node: ts.Node; text: string }[] {
  if (!e) return [];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ node: e, text: e.text }];
  if (ts.isTemplateExpression(e)) return [{ node: e, text: templateText(e) }, ...e.templateSpans.flatMap((s) => textsOf(s.expression))];
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return textsOf(e.expression);
  if (ts.isConditionalExpression(e)) return [...textsOf(e.whenTrue), ...textsOf(e.whenFalse)];
  // labelFormatter={(n) => `${n} per class`}: what a formatter returns is shown.
  if (ts.isArrowFunction(e) && !ts.isBlock(e.body)) return textsOf(e.body);
  if (
    ts.isBinaryExpression(e) &&
    [
      ts.SyntaxKind.AmpersandAmpersandToken,
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.PlusToken,
    ].includes(e.operatorToken.kind)
  ) {
    return [...textsOf(e.left), ...textsOf(e.right)];
  }
  return [];
}

/** Words people read: letters, not an id, a unit, a format or an address. */
const readable = (text: string) => WORDY.test(text) && !ACRONYMS.test(text) && !NOT_LANGUAGE.test(text.trim());
/** Like a phrase rather than an id: a space between words, or a capitalised word ("Cancel"). */
const phrase = (text: string) => readable(text) && (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text) || /^[A-Z][a-z]{2,}/.test(text.trim()));
/** Props of our own components and of recharts that end up as text (headings, legends, tooltips). */
const TEXT_PROPS = /^(heading|caption|hint|text|tooltip|summary|description|message|legend|unit|emptyText|subtitle)$/;
/** recharts elements whose `name` is a legend and tooltip entry. */
const SERIES = new Set(['Line', 'Bar', 'Area', 'Scatter', 'Radar', 'Pie']);
/** Keys of objects whose values components show as text (tabs, options, table columns). */
const TEXT_KEYS = new Set([
  'label',
  'title',
  'text',
  'heading',
  'hint',
  'description',
  'message',
  'tooltip',
  'caption',
  'name',
  'placeholder',
]);
/** Browser dialogs show their argument as it is. */
const DIALOGS = new Set(['alert', 'confirm', 'prompt']);

/** Components: JSX text, read attributes and strings rendered from JSX expressions. */
export function scanComponent(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Finding[] = [];
  const add = (node: ts.Node, text: string, why: string) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim().slice(0, 80), why });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDY.test(node.text) && !ACRONYMS.test(node.text)) add(node, node.text, 'JSX text');
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      const texts = ts.isStringLiteral(init) ? [{ node: init, text: init.text }] : ts.isJsxExpression(init) ? textsOf(init.expression) : [];
      const tag = node.parent.parent.tagName.getText(sf);
      const shown = READ_ATTRIBUTES.has(name) || TEXT_PROPS.test(name) || /Formatter$/.test(name);
      for (const t of texts) {
        if (shown && readable(t.text)) add(t.node, t.text, `"${name}" attribute`);
        // recharts series names end up in legends and tooltips.
        else if (name === 'name' && SERIES.has(tag) && readable(t.text)) add(t.node, t.text, 'series name');
      }
    }
    if (ts.isJsxExpression(node) && node.expression && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const t of textsOf(node.expression)) if (readable(t.text)) add(t.node, t.text, 'string rendered in JSX');
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      // Strings painted onto canvases (exports) are read too, and so is what a dialog asks.
      if (name === 'fillText' || (DIALOGS.has(name) && (ts.isIdentifier(callee) || callee.getText(sf).startsWith('window.')))) {
        for (const t of textsOf(node.arguments[0]))
          if (readable(t.text)) add(t.node, t.text, name === 'fillText' ? 'text drawn on a canvas' : `text in ${name}(…)`);
      }
    }
    // { label: 'From scratch' }: options, tabs and columns rendered elsewhere.
    if (ts.isPropertyAssignment(node) && TEXT_KEYS.has(node.name.getText(sf))) {
      for (const t of textsOf(node.initializer)) if (phrase(t.text)) add(t.node, t.text, `text in "${node.name.getText(sf)}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Messages that schema rules carry (zod's second argument, or `{ message }`): shown inside `err.issue`. */
const SCHEMA_RULES = new Set([
  'regex',
  'refine',
  'superRefine',
  'min',
  'max',
  'length',
  'startsWith',
  'endsWith',
  'includes',
  'nonempty',
  'gt',
  'gte',
  'lt',
  'lte',
  'int',
  'positive',
  'nonnegative',
  'finite',
  'url',
  'email',
]);

/**
 * Engine, worker and stores: no sentence in an error or a message; user-facing errors carry a
 * code (`coded(…)`), and invariants the user cannot cause say so with `bug(…)`, whose text the UI
 * shows as a detail inside a translated frame.
 */
export function scanEngine(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Finding[] = [];
  const add = (node: ts.Node, text: string, why: string) =>
    out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim().slice(0, 80), why });
  const words = (text: string) => /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text) && !NOT_LANGUAGE.test(text.trim());
  const visit = (node: ts.Node) => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments?.length) {
      const callee = node.expression.getText(sf);
      if (/Error$/.test(callee))
        for (const t of textsOf(node.arguments[0]))
          if (words(t.text)) add(t.node, t.text, `words in ${callee}(…): use coded(code, …args) or bug(…)`);
      // z.string().regex(/…/, 'a layer name'): a schema's own message reaches the user.
      if (ts.isPropertyAccessExpression(node.expression) && SCHEMA_RULES.has(node.expression.name.text)) {
        for (const arg of node.arguments.slice(1))
          for (const t of textsOf(arg))
            if (words(t.text)) add(t.node, t.text, `schema message in .${node.expression.name.text}(…): use codeText('err.zod.…')`);
      }
    }
    // A store, an event or a schema rule carrying words: { message: '…' } / { error: '…' }.
    if (
      ts.isPropertyAssignment(node) &&
      [
        'message',
        'error',
        'reason',
        'label',
        'warning',
        'detail',
        'description',
        'name',
        'title',
        'text',
        'status',
        'hint',
        'summary',
      ].includes(node.name.getText(sf))
    ) {
      for (const t of textsOf(node.initializer))
        if (words(t.text)) add(t.node, t.text, `words in "${node.name.getText(sf)}": use a message code`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Every message code written in the sources: the first argument of msg(…) and coded(…). */
export function codesUsed(source: string): string[] {
  return [...source.matchAll(/\b(?:msg|coded)\(\s*'([a-zA-Z][\w.]*)'/g)].map((m) => m[1]);
}
