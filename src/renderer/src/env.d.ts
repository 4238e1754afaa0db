/// <reference types="vite/client" />
import type { Api } from '@shared/ipc/contract'

declare global {
  interface Window {
    /** The contract, exposed by the preload (desktop) or the browser host. */
    readonly api: Api
  }
}
