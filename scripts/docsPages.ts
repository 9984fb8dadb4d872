import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The docs as the docs test reads them (scripts/docs.test.ts): every page's prose, code spans and
 * blocks, tables, the repository paths and links they name, and whether those exist.
 */

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
export const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
export const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface Page {
  path: string;
  text: string;
  /** Text outside fenced code blocks. */
  prose: string;
  /** The contents of fenced code blocks. */
  blocks: string[];
  /** Inline code spans of the prose, without their backticks. */
  spans: string[];
}

function parse(path: string): Page {
  const text = read(path);
  const blocks: string[] = [];
  const prose = text.replace(/^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm, (_, _fence: string, body: string) => {
    blocks.push(body);
    return '';
  });
  const spans = [...prose.matchAll(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)].map((m) => m[2]!.replace(/\s+/g, ' ').trim());
  return { path, text, prose, blocks, spans };
}

export const pages = PAGES.map(parse);
export const page = (path: string) => pages.find((p) => p.path === path)!;
/** Code: the spans and the fenced blocks. */
export const code = (p: Page) => [...p.spans, ...p.blocks];

/** Rows of the markdown tables whose header row starts with `| first |`, as trimmed cells. */
export function tableRows(text: string, first: string): string[][] {
  const rows: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!new RegExp(`^\\|\\s*${first}\\s*\\|`).test(lines[i]!)) continue;
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('|'); j++) {
      rows.push(
        lines[j]!.replace(/^\||\|$/g, '')
          .split(/(?<!\\)\|/)
          .map((c) => c.trim()),
      );
    }
  }
  return rows;
}
export const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

// ---------------------------------------------------------------- paths

export const PREFIXES = ['src/', 'e2e/', 'scripts/', 'docs/', 'bench/', 'public/', '.ci/'];
/** Short forms the docs used to write for src/ folders. */
const SRC_SHORT = ['app/', 'core/', 'features/', 'i18n/', 'lab/', 'platform/', 'ui/', 'workers/'];
const ROOT_FILES = new Set([
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'vite.config.ts',
  'vitest.config.ts',
  'playwright.config.ts',
  'eslint.config.js',
  'index.html',
  'README.md',
  '.gitignore',
]);

/** Repository paths in a piece of code: tokens that start with a known folder or name a top-level config. */
export function pathsIn(snippet: string): string[] {
  const out: string[] = [];
  for (const raw of snippet.split(/[\s,;|]+/)) {
    const token = raw.replace(/^[("'[=:]+/, '').replace(/[)"'\].,:;]+$/, '');
    if (!token || token.includes('…') || /^[a-z]+:\/\//.test(token)) continue;
    if (PREFIXES.some((p) => token.startsWith(p))) out.push(token);
    else if (SRC_SHORT.some((p) => token.startsWith(p))) out.push(`src/${token}`);
    else if (ROOT_FILES.has(token)) out.push(token);
  }
  return out;
}

const globRegex = (segment: string) => new RegExp(`^${segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/** Whether a path exists; `*`, `**` and `<placeholder>` match, and must match at least one entry. */
export function exists(path: string): boolean {
  const pattern = path.replace(/<[^>/]*>/g, '*').replace(/\/$/, '');
  if (!pattern.includes('*')) return existsSync(join(ROOT, pattern));
  const match = (dir: string, segments: string[]): boolean => {
    if (!segments.length) return true;
    const [head, ...rest] = segments;
    if (head === '**') return match(dir, rest) || entries(dir).some((e) => isDir(join(dir, e)) && match(join(dir, e), segments));
    const re = globRegex(head!);
    return entries(dir).some((e) => re.test(e) && (rest.length === 0 || (isDir(join(dir, e)) && match(join(dir, e), rest))));
  };
  return match(ROOT, pattern.split('/'));
}
const entries = (dir: string) => (existsSync(dir) && isDir(dir) ? readdirSync(dir) : []);
const isDir = (path: string) => statSync(path).isDirectory();

// ---------------------------------------------------------------- links

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/ /g, '-');
export const anchors = (text: string) =>
  new Set([...text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => slug(m[1]!)));

export function links(p: Page): string[] {
  return [...p.prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
}

// ---------------------------------------------------------------- the tests
