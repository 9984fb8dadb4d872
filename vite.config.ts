import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { DATA_CACHE, DEFAULT_ASSET_PATTERNS } from './src/core/offlineAssets.ts';

/**
 * The production page's Content-Security-Policy: no inline script, no eval (zod runs jitless; WebAssembly may compile, for TF.js's wasm backend),
 * so even a future bug cannot run script that came from a link or a file. Model files may be
 * fetched from any https address the user types (and from localhost for development); images
 * are blob: thumbnails. Only in the build: the dev server's hot reload needs an inline script.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy = (): Plugin => ({
  name: 'transfer-lab-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
    ),
});

/**
 * TF.js's threaded wasm build starts each pthread worker from `factory.toString()` of its bundled
 * emscripten factory. Minified, that text names helpers outside the function ("e is not defined")
 * and the backend never starts. The pthread workers get the untouched factory script instead,
 * shipped as an asset; the engine worker keeps the bundled copy of the same build.
 */
const wasmThreadsFactory = (): Plugin => ({
  name: 'transfer-lab-wasm-threads-factory',
  apply: 'build',
  transform(code, id) {
    if (!/tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id)) return null;
    const blob =
      /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;
    // A TF.js update that changes this code must fail the build, not silently lose threads.
    if (!blob.test(code)) this.error('tfjs-backend-wasm changed: the threaded factory blob to replace was not found');
    return {
      code:
        "import threadedFactoryUrl from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n" +
        code.replace(blob, 'new URL(threadedFactoryUrl, self.location.href).href'),
      map: null,
    };
  },
});

/**
 * Writes dist/chunk-graph.json: each chunk of the page's build with its static and dynamic imports
 * and the npm packages inside it, so a test can prove what the page thread downloads before it is
 * usable (no TF.js: that loads only in the workers).
 */
const chunkGraph = (): Plugin => ({
  name: 'transfer-lab-chunk-graph',
  apply: 'build',
  generateBundle(_, bundle) {
    const chunks = Object.values(bundle).flatMap((c) =>
      c.type === 'chunk'
        ? [
            {
              file: c.fileName,
              entry: c.isEntry,
              name: c.name,
              imports: c.imports,
              dynamicImports: c.dynamicImports,
              packages: [...new Set(c.moduleIds.flatMap((id) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1] ?? []))].sort(),
            },
          ]
        : [],
    );
    this.emitFile({ type: 'asset', fileName: 'chunk-graph.json', source: JSON.stringify({ chunks }, null, 1) });
  },
});

/**
 * Cross-origin isolation, so SharedArrayBuffer exists and wasm runs on every core. `require-corp`
 * still lets the lab fetch model files from any host that sends CORS headers (fetches are CORS).
 * A static host needs the same two headers; without them the lab runs wasm single-threaded.
 */
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// Workers are ES modules so they can import TF.js and the core like any other module.
export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    wasmThreadsFactory(),
    chunkGraph(),
    // Offline after the first visit, without spending a phone's data plan on sets it never opens:
    // the service worker precaches the app shell and the default experiment (its source model and
    // MNIST); every other dataset and model is cached the first time it is used, and "Make
    // available offline" (This device) fetches them all. A new version waits for a reload.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,png}', 'models/index.json', 'datasets/index.json', ...DEFAULT_ASSET_PATTERNS],
        globIgnores: ['bench/**', 'assets/bench-*', 'chunk-graph.json', 'screenshot*.png', 'workspace-*.png'],
        maximumFileSizeToCacheInBytes: 32 * 2 ** 20,
        navigateFallback: 'index.html',
        clientsClaim: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /\/(models|datasets)\//.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: DATA_CACHE },
          },
        ],
      },
    }),
  ],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es', plugins: () => [wasmThreadsFactory()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // The benchmark page ships in the build so `npm run bench` measures production code.
    rollupOptions: { input: { main: 'index.html', bench: 'bench/index.html' } },
  },
});
