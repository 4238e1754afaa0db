import react from '@vitejs/plugin-react'
import { defineConfig, type RendererViteConfig } from 'electron-vite'
import { resolve } from 'node:path'

const root = __dirname

/** The renderer's build, shared by the desktop app and the browser host used in development and tests. */
export const rendererConfig: RendererViteConfig = {
  root: resolve(root, 'src/renderer'),
  base: './',
  plugins: [react()],
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
