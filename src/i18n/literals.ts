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
/** A sentence: three words or more with spaces between them. */
const SENTENCE = /[A-Za-z]{2,}[^\n]*\s[A-Za-z]{2,}[^\n]*\s[A-Za-z]+/;
/** File formats and other acronyms are the same in every language (JSON, CSV, PNG). */
const ACRONYMS = /^[\s\dA-Z.·/+-]*$/;
/** JSX attributes whose values people read or hear. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description', 'aria-roledescription']);
/** Text that is not language: CSS values, URLs, MIME types, file names, format strings. */
const NOT_LANGUAGE = /^(https?:|data:|blob:|mailto:|[\w.-]+\/[\w.+-]+$|[\w-]+\.(json|csv|png|svg|zip|bin|py|txt|md)$|#[0-9a-f]{3,8}$)/i;

function templateText(node: ts.TemplateExpression | ts.NoSubstitutionTemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
}

/** Components: JSX text, read attributes and strings rendered from JSX expressions. */
export function scanComponent(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Finding[] = [];
  const add = (node: ts.Node, text: string, why: string) => out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim().slice(0, 80), why });
  const visit = (node: ts.Node, inJsx: boolean) => {
    if (ts.isJsxText(node) && WORDY.test(node.text) && !ACRONYMS.test(node.text)) add(node, node.text, 'JSX text');
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init.text : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression) || ts.isTemplateExpression(init.expression)) ? (ts.isStringLiteral(init.expression) ? init.expression.text : templateText(init.expression)) : null;
      if (READ_ATTRIBUTES.has(name) && literal !== null && WORDY.test(literal) && !NOT_LANGUAGE.test(literal)) add(node, literal, `"${name}" attribute`);
      // recharts series names end up in legends and tooltips.
      if (name === 'name' && literal !== null && ts.isJsxExpression(init) && SENTENCE.test(literal)) add(node, literal, 'series name');
    }
    if (ts.isJsxExpression(node) && node.expression && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const e = node.expression;
      const text = ts.isStringLiteral(e) ? e.text : ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) ? templateText(e) : null;
      if (text !== null && WORDY.test(text) && !NOT_LANGUAGE.test(text)) add(node, text, 'string rendered in JSX');
    }
    // Strings painted onto canvases (exports) are read too.
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'fillText') {
      const a = node.arguments[0];
      if (a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isTemplateExpression(a))) {
        const text = ts.isStringLiteral(a) ? a.text : templateText(a);
        if (WORDY.test(text)) add(node, text, 'text drawn on a canvas');
      }
    }
    ts.forEachChild(node, (c) => visit(c, inJsx || ts.isJsxElement(node)));
  };
  visit(sf, false);
  return out;
}

/**
 * Engine, worker and stores: no sentence in an error or a message; user-facing errors carry a
 * code (`coded(…)`), and invariants the user cannot cause say so with `bug(…)`, whose text the UI
 * shows as a detail inside a translated frame.
 */
export function scanEngine(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Finding[] = [];
  const add = (node: ts.Node, text: string, why: string) => out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim().slice(0, 80), why });
  const textOf = (e: ts.Expression | undefined): string | null =>
    !e ? null : ts.isStringLiteral(e) ? e.text : ts.isNoSubstitutionTemplateLiteral(e) || ts.isTemplateExpression(e) ? templateText(e) : ts.isBinaryExpression(e) ? [textOf(e.left), textOf(e.right)].filter(Boolean).join(' ') : null;
  const visit = (node: ts.Node) => {
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments?.length) {
      const callee = node.expression.getText(sf);
      const text = textOf(node.arguments[0]);
      if (/Error$/.test(callee) && text !== null && SENTENCE.test(text)) add(node, text, `sentence in ${callee}(…): use coded(code, …args) or bug(…)`);
    }
    // A store or an event carrying a sentence: { message: '…' } / { error: '…' }.
    if (ts.isPropertyAssignment(node) && ['message', 'error', 'reason', 'label', 'warning', 'detail', 'description', 'name'].includes(node.name.getText(sf))) {
      const text = textOf(node.initializer);
      if (text !== null && SENTENCE.test(text)) add(node, text, `sentence in "${node.name.getText(sf)}": use a message code`);
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
