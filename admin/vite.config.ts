import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built files at http://localhost:3000/admin/.
export default defineConfig({
    base: '/admin/',
    plugins: [react()],
    server: {
        port: 5173,
        strictPort: true,
        proxy: {
            '/api': {
                target: 'http://localhost:3000',
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
                            test: /node_modules[\\/](@mui|@emotion)[\\/]/,
                        },
                        {
                            name: 'react-admin',
                            test: /node_modules[\\/]/,
                        },
                    ],
                },
            },
        },
    },
});
