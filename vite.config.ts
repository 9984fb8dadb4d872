import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Workers are ES modules so they can import TF.js and the core like any other module.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // The benchmark page ships in the build so `npm run bench` measures production code.
    rollupOptions: { input: { main: 'index.html', bench: 'bench/index.html' } },
  },
});
