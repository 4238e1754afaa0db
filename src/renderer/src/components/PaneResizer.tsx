import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'

const STORAGE_KEY = 'evidence-desk:detail-pane-width'
export const PANE_MIN = 300
export const PANE_MAX = 960
const STEP = 24

/** The detail pane's width, kept between visits; 0 means the layout's own default. */
export function usePaneWidth(): [number, (width: number) => void] {
  const [width, setWidth] = useState(() => Number(window.localStorage.getItem(STORAGE_KEY)) || 0)
  const set = (next: number): void => {
    const bounded = Math.round(Math.max(PANE_MIN, Math.min(PANE_MAX, next)))
    setWidth(bounded)
    window.localStorage.setItem(STORAGE_KEY, String(bounded))
  }
  return [width, set]
}

/**
 * The handle on the pane's left edge: drag it, or focus it and use the arrow keys (Home and End for the narrowest
 * and widest), as the WAI-ARIA window splitter pattern describes.
 */
export function PaneResizer({
  width,
  onResize,
  pane
}: {
  width: number
  onResize: (width: number) => void
  pane: () => HTMLElement | null
}) {
  const current = (): number => width || pane()?.getBoundingClientRect().width || 440
  // The width it tells is the pane's as the browser last laid it out (reading it while rendering made the browser lay
  // out the page then and there).
  const [laidOut, setLaidOut] = useState(0)
  const paneRef = useRef(pane)
  useEffect(() => {
    paneRef.current = pane
  })
  useEffect(() => {
    const element = paneRef.current()
    if (!element) return
    const observer = new ResizeObserver(() => setLaidOut(element.getBoundingClientRect().width))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.preventDefault()
    const startX = event.clientX
    const startWidth = current()
    const handle = event.currentTarget
    handle.setPointerCapture(event.pointerId)
    const move = (moved: globalThis.PointerEvent): void => onResize(startWidth + (startX - moved.clientX))
    const stop = (): void => {
      handle.removeEventListener('pointermove', move)
      handle.removeEventListener('pointerup', stop)
    }
    handle.addEventListener('pointermove', move)
    handle.addEventListener('pointerup', stop)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moves: Record<string, number> = {
      ArrowLeft: current() + STEP,
      ArrowRight: current() - STEP,
      Home: PANE_MAX,
      End: PANE_MIN
    }
    if (!(event.key in moves)) return
    event.preventDefault()
    onResize(moves[event.key]!)
  }
  return (
    <div
      className="pane-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the details pane"
      aria-valuemin={PANE_MIN}
      aria-valuemax={PANE_MAX}
      aria-valuenow={Math.round(width || laidOut || 440)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  )
}
