/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** '1' in the tests' build (npm run build:test): installs window.__transferLab and its fault injection. */
  readonly VITE_TEST_HOOKS?: string;
}
