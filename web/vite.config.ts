import { defineConfig } from 'vite';

// The UI is served by the Pipewright server from web/dist; `npm run dev:web` proxies the API.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
