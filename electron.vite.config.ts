import react from '@vitejs/plugin-react'
import { defineConfig, type RendererViteConfig } from 'electron-vite'
import type { PluginOption } from 'vite'
import { resolve } from 'node:path'

const root = __dirname

/**
 * index.html carries the CSP in a <meta> as well as the header. The development server's hot
 * reload needs an inline script the policy refuses, so it serves the page without the <meta>
 * (the built app and the browser host keep it).
 */
const devServerWithoutCspMeta: PluginOption = {
  name: 'evidence-desk:dev-without-csp-meta',
  apply: 'serve',
  transformIndexHtml: (html: string) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>\s*/, '')
}

/** The renderer's build, shared by the desktop app and the browser host used in development and tests. */
export const rendererConfig: RendererViteConfig = {
  root: resolve(root, 'src/renderer'),
  base: './',
  plugins: [react(), devServerWithoutCspMeta],
  resolve: { alias: { '@shared': resolve(root, 'src/shared') } },
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // Chromium supports modulepreload natively; the polyfill would only add an inline script.
    modulePreload: { polyfill: false },
    rollupOptions: { input: resolve(root, 'src/renderer/index.html') }
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // Long work (PDF inspection, pack building) runs in this worker thread; see core/jobs/task-runner.ts.
          'task-worker': resolve(root, 'src/main/workers/task-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: { input: { index: resolve(root, 'src/preload/index.ts') } }
    }
  },
  renderer: rendererConfig
})
