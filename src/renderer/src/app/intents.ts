import { useEffect, useRef } from 'react'

/** Something a page is asked to do on arrival, such as opening its "New control" dialog from the palette. */
export type Intent = 'new-control' | 'import-controls' | 'new-pack' | 'attach-evidence'

const INTENT_EVENT = 'evidence-desk:intent'
let pending: Intent | null = null

/** Asks the page that handles `intent` to act: now if it is showing, or as soon as it mounts. */
export function requestIntent(intent: Intent): void {
  pending = intent
  window.dispatchEvent(new CustomEvent<Intent>(INTENT_EVENT, { detail: intent }))
}

/** Runs `action` when `intent` is requested, including a request made just before this page mounted. */
export function useIntent(intent: Intent | undefined, action: () => void): void {
  const latest = useRef(action)
  useEffect(() => {
    latest.current = action
  })
  useEffect(() => {
    const take = (): void => {
      if (!intent || pending !== intent) return
      pending = null
      latest.current()
    }
    take()
    window.addEventListener(INTENT_EVENT, take)
    return () => window.removeEventListener(INTENT_EVENT, take)
  }, [intent])
}
