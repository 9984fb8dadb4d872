/**
 * The shape of src/, checked by `npm run lint` (depcruise): no import cycles — type-only imports
 * included, since a cycle of types still ties two modules together — and imports that flow one way,
 *
 *   app → features → ui | lab | platform → core
 *
 * ui draws (no state); lab (state) may use platform (the engine client, decoding, zips), which
 * starts the workers; workers import the core and platform's shared jobs, never page state or UI.
 * Declared by folder pattern, so a new feature folder or module is covered without editing a list.
 * src/theme.ts (the lab's colours, constants importing nothing) may be imported from any layer.
 * Tests and the core's test helpers may reach across layers (a test of the core may render a
 * message); cycles count everywhere.
 */
const TEST = '(\\.test\\.tsx?$|^src/core/testing/)';

/** A layer that must not import from `to` (regular expressions over paths from the repository root). */
const layer = (name, comment, from, to) => ({ name, comment, severity: 'error', from: { path: from, pathNot: TEST }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules that import each other (directly or through others) cannot be read, tested or split alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer(
      'core-is-pure',
      'The core runs in Node and in workers: no page, no React, no stores.',
      '^src/core/',
      '^src/(?!core/|theme\\.ts$)|node_modules/(react|react-dom|zustand|recharts)/',
    ),
    {
      name: 'theme-is-constants',
      comment: 'src/theme.ts holds the lab’s colours as constants and imports nothing, so every layer, the core included, may use it.',
      severity: 'error',
      from: { path: '^src/theme\\.ts$' },
      to: { path: '^src/|node_modules/' },
    },
    layer(
      'workers-below-the-page',
      'Workers run off the page: the core and shared browser plumbing (file decoding, zips), never page state or UI; the engine emits message codes, never sentences.',
      '^src/workers/',
      '^src/(app|features|ui|lab|i18n)/',
    ),
    layer(
      'i18n-holds-words',
      'Dictionaries may name the core’s codes and types, nothing above.',
      '^src/i18n/',
      '^src/(?!(i18n|core)/|theme\\.ts$)',
    ),
    layer(
      'ui-is-presentational',
      'ui/ draws what it is given: no stores, no features, no engine.',
      '^src/ui/',
      '^src/(app|features|lab|platform|workers)/',
    ),
    layer(
      'lab-below-features',
      'Lab-wide state serves features; it never imports a panel or a ui component.',
      '^src/lab/',
      '^src/(app|features|ui)/',
    ),
    layer(
      'platform-is-plumbing',
      'Browser plumbing (engine client, downloads, app update) knows no state and no page.',
      '^src/platform/',
      '^src/(app|features|ui|lab)/',
    ),
    layer('app-on-top', 'Only the app composes the page; nothing below imports it.', '^src/(?!app/)', '^src/app/'),
    {
      name: 'features-stay-apart',
      comment: 'Features never import each other: the app composes them; what two share lives in ui/, lab/ or the core.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: TEST },
      to: { path: '^src/features/', pathNot: '^src/features/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are edges too (see the header).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
