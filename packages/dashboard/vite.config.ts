import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { precompressFolder } from '../../scripts/precompress.ts';

// The server serves dist/ at /admin/ and answers index.html for every other path under it.
let outDir = 'dist';

export default defineConfig({
  base: '/admin/',
  plugins: [
    preact(),
    {
      // Brotli and gzip beside each file, made once here: the server sends them as they are.
      name: 'errata-precompress',
      apply: 'build',
      configResolved(config) {
        outDir = resolve(config.root, config.build.outDir);
      },
      closeBundle() {
        precompressFolder(outDir);
      },
    },
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One small entry chunk: the polyfill would cost bytes for browsers that all support modulepreload.
    modulePreload: { polyfill: false },
  },
});
