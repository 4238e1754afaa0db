import { setNonce } from 'get-nonce'
import { STYLE_NONCE_META } from '@shared/csp'

// The host puts a fresh nonce in index.html and in the page's CSP; style elements created at
// run time by the UI library (scroll locking under dialogs) carry it. Imported before any UI code.
const nonce = document.querySelector<HTMLMetaElement>(`meta[name="${STYLE_NONCE_META}"]`)?.content
if (nonce && !nonce.startsWith('%')) setNonce(nonce)
