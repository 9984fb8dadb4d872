import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
  transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
});

// Workers are ES modules so they can import TF.js and the core like any other module.
export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline after the first visit: the app, the zoo and the built-in datasets are precached by a
    // service worker; a new version waits until the user reloads (the page says one is available).
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,json,bin,svg,png,wasm}'],
        globIgnores: ['bench/**'],
        maximumFileSizeToCacheInBytes: 32 * 2 ** 20,
        navigateFallback: 'index.html',
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // The benchmark page ships in the build so `npm run bench` measures production code.
    rollupOptions: { input: { main: 'index.html', bench: 'bench/index.html' } },
  },
});
