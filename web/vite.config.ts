import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.resolve(import.meta.dirname);

/** Builds the single-page app into web/dist, which the Express server serves at `/`. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is loaded on demand by the chain map only; every page is its own chunk.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: { '/api': `http://localhost:${process.env['API_PORT'] ?? '3100'}` },
  },
});
