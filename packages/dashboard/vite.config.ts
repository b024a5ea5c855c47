import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The server serves dist/ at /admin/ and answers index.html for every other path under it.
export default defineConfig({
  base: '/admin/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One small entry chunk: the polyfill would cost bytes for browsers that all support modulepreload.
    modulePreload: { polyfill: false },
  },
});
