import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The API serves the built files at http://localhost:3000/admin/.
// `npm run dev` proxies /api to API_URL (default http://localhost:3000), e.g.
// `API_URL=http://localhost:3300 npm run dev` for an API on another port.
const apiUrl = process.env.API_URL || 'http://localhost:3000';

// The charts of the home dashboard (recharts and what only it uses) stay out
// of the vendor chunks that the login page loads: they come with the lazily
// imported analytics view (src/Dashboard.tsx).
const chartModules =
  /node_modules[\\/](recharts|victory-vendor|d3-[^\\/]+|internmap|@reduxjs|redux|redux-thunk|react-redux|reselect|immer|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|@standard-schema)[\\/]/;

// The rich-text editor of the content forms likewise comes with those forms
// (src/news/ContentRichTextInput.tsx), not with the login page.
const editorModules =
  /node_modules[\\/](ra-input-rich-text|@tiptap|prosemirror-[^\\/]+|orderedmap|rope-sequence|w3c-keyname|linkifyjs)[\\/]/;

// The date pickers (MUI X, dayjs) come with the first form or filter that has a date
// (src/common/DatePickers.tsx), not with the login page.
const pickerModules = /node_modules[\\/](@mui[\\/]x-[^\\/]+|dayjs)[\\/]/;

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  // The SDK (../clients/typescript) imports openapi-fetch: bundle the dashboard's own copy.
  resolve: { alias: { 'openapi-fetch': fileURLToPath(new URL('./node_modules/openapi-fetch', import.meta.url)) } },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': {
        target: apiUrl,
        changeOrigin: true,
      },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Long-lived vendor chunks, so that an app release does not
        // make browsers download react-admin and MUI again.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
            },
            {
              name: 'mui',
              test: (id: string) => /node_modules[\\/](@mui|@emotion)[\\/]/.test(id) && !pickerModules.test(id),
            },
            {
              name: 'react-admin',
              test: (id: string) =>
                /node_modules[\\/]/.test(id) && !chartModules.test(id) && !editorModules.test(id) && !pickerModules.test(id),
            },
          ],
        },
      },
    },
  },
});
