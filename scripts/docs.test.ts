import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTROLS, CONTROL_IDS, LESSONS, LESSON_IDS } from '../src/core/lecture/lecture';
import { PRESET_IDS } from '../src/core/presets';
import { regenerate } from './docs-figures';

/*
 * The documentation against the code: README.md and docs/*.md may only name scripts, presets,
 * lecture controls, files and tests that exist, and their generated figures must match the files
 * they are generated from (npm run docs). See docs/testing.md, "The docs test".
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
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

const pages = PAGES.map(parse);
const page = (path: string) => pages.find((p) => p.path === path)!;
/** Code: the spans and the fenced blocks. */
const code = (p: Page) => [...p.spans, ...p.blocks];

/** Rows of the markdown tables whose header row starts with `| first |`, as trimmed cells. */
function tableRows(text: string, first: string): string[][] {
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
const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

// ---------------------------------------------------------------- paths

const PREFIXES = ['src/', 'e2e/', 'scripts/', 'docs/', 'bench/', 'public/', '.ci/'];
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
function pathsIn(snippet: string): string[] {
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
function exists(path: string): boolean {
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
const anchors = (text: string) =>
  new Set([...text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => slug(m[1]!)));

function links(p: Page): string[] {
  return [...p.prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/i.test(href));
}

// ---------------------------------------------------------------- the tests

describe('the documentation', () => {
  it('README.md has at most 150 lines, and docs/ holds at least 6 pages, each linked from the README', () => {
    const lines = page('README.md').text.replace(/\n$/, '').split('\n').length;
    expect(lines).toBeLessThanOrEqual(150);
    const docs = PAGES.filter((p) => p.startsWith('docs/'));
    expect(docs.length).toBeGreaterThanOrEqual(6);
    const linked = new Set(links(page('README.md')).map((href) => normalize(href.split('#')[0]!)));
    expect(docs.filter((d) => !linked.has(d))).toEqual([]);
  });

  it('every npm script it mentions exists in package.json', () => {
    const builtins = new Set([
      'ci',
      'install',
      'i',
      'exec',
      'view',
      'ls',
      'pack',
      'publish',
      'audit',
      'update',
      'outdated',
      'init',
      'config',
      'cache',
      'version',
      'help',
      'uninstall',
      'link',
    ]);
    const missing: string[] = [];
    for (const p of pages) {
      for (const m of p.text.matchAll(/\bnpm\s+run\s+([\w:.-]+)/g)) if (!(m[1]! in pkg.scripts)) missing.push(`${p.path}: npm run ${m[1]}`);
      for (const snippet of code(p)) {
        for (const m of snippet.matchAll(/\bnpm\s+([a-z][\w:-]*)/g)) {
          const name = m[1]!;
          if (name === 'run' || builtins.has(name)) continue;
          // `npm test`, `npm start`, `npm stop` and `npm restart` run scripts; any other word is not one npm runs.
          if (!['test', 'start', 'stop', 'restart'].includes(name) || !(name in pkg.scripts)) missing.push(`${p.path}: npm ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every preset it names exists, and docs/presets.md covers every preset', () => {
    const presets = new Set<string>(PRESET_IDS);
    const lessons = new Set<string>(LESSON_IDS);
    const unknown: string[] = [];
    // The presets tables: the first column names presets.
    const rows = tableRows(page('docs/presets.md').text, 'preset');
    const named = rows.flatMap((r) => ticked(r[0]!));
    unknown.push(...named.filter((id) => !presets.has(id)).map((id) => `docs/presets.md table: ${id}`));
    expect(
      PRESET_IDS.filter((id) => !named.includes(id)),
      'presets without a row in docs/presets.md',
    ).toEqual([]);
    // Its list of what each shows: "- `id` — …".
    for (const m of page('docs/presets.md').prose.matchAll(/^- `([^`]+)` —/gm))
      if (!presets.has(m[1]!)) unknown.push(`docs/presets.md list: ${m[1]}`);
    for (const p of pages) {
      // Lesson links: a built-in lesson or a list of presets.
      for (const snippet of code(p)) {
        for (const m of snippet.matchAll(/[?&]lesson=([^\s&#`]+)/g)) {
          if (m[1]!.includes('…') || lessons.has(m[1]!)) continue;
          for (const id of m[1]!.split(',')) if (!presets.has(id)) unknown.push(`${p.path}: ?lesson=${m[1]}`);
        }
      }
      // "the `id` preset", "preset `id`".
      for (const m of p.prose.matchAll(/`([a-z0-9-]+)`\s+preset|preset\s+`([a-z0-9-]+)`/g)) {
        const id = m[1] ?? m[2]!;
        if (!presets.has(id)) unknown.push(`${p.path}: preset ${id}`);
      }
    }
    // The lessons table: each built-in lesson's steps, in order.
    for (const row of tableRows(page('docs/teaching.md').text, 'link')) {
      const lesson = /^`\?lesson=([\w-]+)`$/.exec(row[0]!)?.[1];
      if (lesson && lessons.has(lesson))
        expect(ticked(row[1]!), `docs/teaching.md: steps of ${lesson}`).toEqual([...LESSONS[lesson as keyof typeof LESSONS]]);
      else unknown.push(`docs/teaching.md lessons table: ${row[0]}`);
    }
    expect(unknown).toEqual([]);
  });

  it('every lecture control it names exists, with the panel it lives in, and docs/teaching.md lists them all', () => {
    const controls = new Set<string>(CONTROL_IDS);
    const unknown: string[] = [];
    const rows = tableRows(page('docs/teaching.md').text, 'control');
    for (const [name, inside] of rows) {
      const id = ticked(name!)[0] ?? name!;
      if (!controls.has(id)) {
        unknown.push(`docs/teaching.md table: ${id}`);
        continue;
      }
      const parent = CONTROLS[id as keyof typeof CONTROLS];
      expect(ticked(inside!)[0] ?? null, `docs/teaching.md: the control around ${id}`).toBe(parent);
    }
    const listed = rows.map((r) => ticked(r[0]!)[0]);
    expect(
      CONTROL_IDS.filter((id) => !listed.includes(id)),
      'controls without a row in docs/teaching.md',
    ).toEqual([]);
    for (const p of pages) {
      for (const snippet of code(p)) {
        for (const m of snippet.matchAll(/[?&](only|hide|lock)=([^\s&#`]+)/g)) {
          for (const id of m[2]!.split(',')) if (!id.includes('…') && !controls.has(id)) unknown.push(`${p.path}: ${m[1]}=${id}`);
        }
      }
    }
    // Every plain name in backticks on the teaching page is a control, a preset, a lesson or a link parameter.
    const known = new Set<string>([
      ...CONTROL_IDS,
      ...PRESET_IDS,
      ...LESSON_IDS,
      'lecture',
      'lesson',
      'step',
      'only',
      'hide',
      'lock',
      'lang',
      'view',
    ]);
    for (const span of page('docs/teaching.md').spans)
      if (/^[a-z][a-z-]*$/.test(span) && !known.has(span)) unknown.push(`docs/teaching.md: \`${span}\``);
    expect(unknown).toEqual([]);
  });

  it('every repository path it names exists (a glob matches at least one file)', () => {
    const missing: string[] = [];
    for (const p of pages) {
      const named = [
        ...code(p).flatMap(pathsIn),
        ...links(p)
          .map((href) => relative(ROOT, join(ROOT, dirname(p.path), href.split('#')[0]!)))
          .filter((t) => t && PREFIXES.some((x) => t.startsWith(x))),
      ];
      for (const path of new Set(named)) if (!exists(path)) missing.push(`${p.path}: ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('every test it quotes has that title in that file', () => {
    const wrong: string[] = [];
    for (const p of pages) {
      for (const m of p.prose.matchAll(/`((?:e2e|src|scripts)\/[^`]+?\.(?:spec|test)\.ts)`\s*(?:—|:|,)\s*“([^”]+)”/g)) {
        const [, file, quoted] = m;
        if (file!.includes('…')) continue; // an example of the form, not a test
        const title = quoted!.replace(/\s+/g, ' ').replace(/…$/, '').trim();
        if (!existsSync(join(ROOT, file!)) || !read(file!).includes(title)) wrong.push(`${p.path}: ${file} “${title}”`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every relative link resolves, anchors included', () => {
    const broken: string[] = [];
    for (const p of pages) {
      for (const href of links(p)) {
        const [file, anchor] = href.split('#') as [string, string | undefined];
        const target = file ? join(dirname(p.path), file) : p.path;
        if (!existsSync(join(ROOT, target))) {
          broken.push(`${p.path}: ${href}`);
          continue;
        }
        if (anchor && target.endsWith('.md') && !anchors(read(target)).has(decodeURIComponent(anchor)))
          broken.push(`${p.path}: ${href} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('docs/dependencies.md says why each package in package.json is there', () => {
    const named = new Set(page('docs/dependencies.md').spans);
    const missing = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) => !named.has(name));
    expect(missing).toEqual([]);
  });

  it('its generated figures match the files they come from (else: npm run docs)', () => {
    for (const { page: path, before, after } of regenerate()) expect(before, `${path} is stale: run npm run docs`).toBe(after);
  });
});
