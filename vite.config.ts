// The renderer build. Its output is served by `hookscope serve` (and later loaded by the desktop
// shell) under a CSP with no 'unsafe-inline': every script and stylesheet must be a file.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * index.html carries the production CSP in a <meta> tag. The dev server needs inline code
 * (React Refresh preamble, CSS injected as <style>), which that CSP blocks, so the tag is
 * dropped while serving; the build keeps it.
 */
function dropCspWhileServing(): Plugin {
  return {
    name: 'hookscope:drop-csp-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
    },
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs so the same build works from a file:// URL in the desktop shell.
  base: './',
  plugins: [react(), dropCspWhileServing()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // data: URLs and inline assets would need CSP exceptions; keep every asset a file.
    assetsInlineLimit: 0,
    // The modulepreload polyfill is injected as inline code; every supported browser has
    // modulepreload natively.
    modulePreload: { polyfill: false },
  },
});
