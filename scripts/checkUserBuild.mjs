#!/usr/bin/env node
/**
 * The build users get must not carry the tests' hooks: window.__transferLab can hang the engine,
 * lose its WebGL context or fail the next save. Reads every script of dist/ (after `vite build`
 * without the e2e mode) and fails if a hook's name is in one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKERS = ['__transferLab', 'failNextSave', 'uploadsDigest'];
const scripts = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
const found = scripts('dist').flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return MARKERS.filter((m) => text.includes(m)).map((m) => `${file}: ${m}`);
});
if (found.length) {
  console.error(`The build users get carries test hooks:\n  ${found.join('\n  ')}`);
  process.exit(1);
}
console.log(`No test hooks in the user build (${MARKERS.join(', ')} absent from every script in dist/).`);
