import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by the Pipewright server from web/dist; `npm run dev:web` proxies the API.
// Pages are lazy routes (src/app/routes.tsx), so each feature is its own chunk.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
