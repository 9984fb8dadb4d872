import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * `npm run lint` keeps the shape it promises (docs/architecture.md): files that break a rule fail it.
 * ESLint reads the probes as if they sat in src/; dependency-cruiser cruises a throw-away src/ tree
 * laid out like ours, with the project's own .dependency-cruiser.cjs.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });
const rulesHit = async (path: string, code: string) =>
  (await eslint.lintText(code, { filePath: join(ROOT, path) }))[0]!.messages.map((m) => m.ruleId);

const statements = (n: number) => Array.from({ length: n }, (_, i) => `  total += ${i};`).join('\n');
const longFunction = (n: number) => `export function long(): number {\n  let total = 0;\n${statements(n)}\n  return total;\n}\n`;
const longFile = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';

describe('npm run lint: ESLint', () => {
  it('fails a function over 80 lines and a file over 300, and passes them just under', async () => {
    // longFunction(n) is n + 4 lines long (signature, declaration, return, closing brace).
    expect(await rulesHit('src/features/probe/Long.ts', longFunction(80))).toContain('max-lines-per-function');
    expect(await rulesHit('src/features/probe/Long.ts', longFunction(77))).toContain('max-lines-per-function');
    expect(await rulesHit('src/features/probe/Long.ts', longFunction(76))).not.toContain('max-lines-per-function');
    expect(await rulesHit('src/lab/probe.ts', longFile(301))).toContain('max-lines');
    expect(await rulesHit('src/lab/probe.ts', longFile(300))).not.toContain('max-lines');
  });

  it('exempts the language dictionaries from the file length, not the i18n code', async () => {
    expect(await rulesHit('src/i18n/probe.en.ts', longFile(400))).not.toContain('max-lines');
    expect(await rulesHit('src/i18n/index.ts', longFile(400))).toContain('max-lines');
  });

  it('exempts tests from the function length (a describe block groups them), not from the file length', async () => {
    expect(await rulesHit('src/lab/probe.test.ts', longFunction(100))).not.toContain('max-lines-per-function');
    expect(await rulesHit('e2e/probe.spec.ts', longFunction(100))).not.toContain('max-lines-per-function');
    expect(await rulesHit('src/lab/probe.test.ts', longFile(301))).toContain('max-lines');
  });
});

describe('npm run lint: dependency-cruiser', () => {
  const tree = mkdtempSync(join(tmpdir(), 'tl-lint-'));
  afterAll(() => rmSync(tree, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  };

  it('fails a cycle (type-only imports included), a feature importing another, and imports against the layers', () => {
    write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'bundler' } }));
    write('src/core/pure.ts', 'export const pure = 1;\n');
    write('src/core/impure.ts', "import { busy } from '../lab/busy';\nexport const impure = busy;\n");
    write('src/lab/busy.ts', 'export const busy = false;\n');
    write('src/lab/a.ts', "import type { B } from './b';\nexport interface A { b?: B }\n");
    write('src/lab/b.ts', "import type { A } from './a';\nexport interface B { a?: A }\n");
    write('src/ui/Button.ts', "import { busy } from '../lab/busy';\nexport const disabled = busy;\n");
    write(
      'src/features/one/panel.ts',
      "import { two } from '../two/panel';\nimport { pure } from '../../core/pure';\nexport const one = two + pure;\n",
    );
    write('src/features/two/panel.ts', "import { busy } from '../../lab/busy';\nexport const two = busy ? 1 : 2;\n");
    const cruise = (output: string) =>
      spawnSync(
        join(ROOT, 'node_modules/.bin/depcruise'),
        ['src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', output],
        { cwd: tree, encoding: 'utf8' },
      );
    // What npm run lint prints (and fails on), then the same as data.
    expect(cruise('err').status).not.toBe(0);
    const violations = (
      JSON.parse(cruise('json').stdout) as { summary: { violations: { from: string; to: string; rule: { name: string } }[] } }
    ).summary.violations;
    const found = new Set(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`));
    expect(found).toContain('core-is-pure: src/core/impure.ts → src/lab/busy.ts');
    expect(found).toContain('ui-is-presentational: src/ui/Button.ts → src/lab/busy.ts');
    expect(found).toContain('features-stay-apart: src/features/one/panel.ts → src/features/two/panel.ts');
    expect(
      [...found].some(
        (v) => v.startsWith('no-cycles: src/lab/a.ts → src/lab/b.ts') || v.startsWith('no-cycles: src/lab/b.ts → src/lab/a.ts'),
      ),
    ).toBe(true);
    // What the layers allow stays allowed: a feature on the core and on lab state.
    expect([...found].filter((v) => v.includes('→ src/core/pure.ts') || v.startsWith('features-stay-apart: src/features/two'))).toEqual([]);
  });
});
