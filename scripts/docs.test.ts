import { existsSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROLS, CONTROL_IDS, LESSONS, LESSON_IDS } from '../src/core/lecture/lecture';
import { PRESET_IDS } from '../src/core/presets';
import { regenerate } from './docs-figures';
import { ROOT, PAGES, read, pkg, pages, page, code, tableRows, ticked, PREFIXES, pathsIn, exists, anchors, links } from './docsPages';

/*
 * The documentation against the code: README.md and docs/*.md may only name scripts, presets,
 * lecture controls, files and tests that exist, and their generated figures must match the files
 * they are generated from (npm run docs). See docs/testing.md, "The docs test".
 */

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
