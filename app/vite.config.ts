import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The API serves the built files at http://localhost:3000/app/.
// `npm run dev` proxies /api to API_URL (default http://localhost:3000).
const apiUrl = process.env.API_URL || 'http://localhost:3000';

export default defineConfig({
  base: '/app/',
  plugins: [
    react(),
    // The service worker is ours (src/sw.ts: precache of the shell, the offline caches, Web Push);
    // the plugin writes the manifest and injects the list of the build's files into it (Workbox).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      // registered by src/pwa.ts after the first screen has rendered
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        id: '/app/',
        name: 'Sổ tay Đảng viên',
        short_name: 'Sổ tay ĐV',
        description: 'Sổ tay Đảng viên điện tử: văn bản, tin tức, hỏi đáp, khảo sát và sinh hoạt chi bộ',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/app/',
        scope: '/app/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#fffaf5',
        theme_color: '#b71c1c',
        categories: ['education', 'news', 'productivity'],
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // the shell: scripts, styles, the page, icons; the PDF reader (pdf.js and its worker) too, so that
        // a document saved for offline reading opens with no network
        globPatterns: ['**/*.{js,mjs,css,html,png,svg,webmanifest}'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  // The SDK (../clients/typescript) imports openapi-fetch: bundle the app's own copy.
  resolve: { alias: { 'openapi-fetch': fileURLToPath(new URL('./node_modules/openapi-fetch', import.meta.url)) } },
  server: {
    port: 5174,
    strictPort: true,
    proxy: { '/api': { target: apiUrl, changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
