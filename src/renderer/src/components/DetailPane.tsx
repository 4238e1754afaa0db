import { Cross2Icon } from '@radix-ui/react-icons'
import { Flex, Heading, IconButton, Text } from '@radix-ui/themes'
import { useEffect, useRef, type ReactNode } from 'react'
import { PaneResizer, usePaneWidth } from './PaneResizer'

interface DetailPaneProps {
  /** The pane's accessible name, such as "Control IAM-03". */
  label: string
  /** A small line above the title: an id or reference. */
  kicker: ReactNode
  title: ReactNode
  badges?: ReactNode
  onClose: () => void
  children: ReactNode
  /** Move focus into the pane when it opens or shows another item (opened from the keyboard). */
  takeFocus?: boolean
}

/** The last key pressed: a pane opened by arrowing through a list leaves focus in the list. */
let lastKey = ''
window.addEventListener('keydown', (event) => (lastKey = event.key), true)
window.addEventListener('pointerdown', () => (lastKey = ''), true)
const ARROWING = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'])

/**
 * After a dialog or the palette closes on a new place: focus the open pane's heading, or else the page's.
 * Waits for the page to show it (the place may still be loading).
 */
export function focusArrival(): void {
  let tries = 0
  const attempt = (): void => {
    const pane = document.querySelector<HTMLElement>('.detail-pane .detail-title')
    const target = pane ?? document.querySelector<HTMLElement>('main .page-title')
    // A pane may still be on its way (its item loading): wait for it a little before settling on the page.
    if (target && (pane || tries >= 10)) target.focus({ preventScroll: true })
    else if (++tries < 60) window.setTimeout(attempt, 50)
  }
  window.setTimeout(attempt, 0)
}

/**
 * The right-hand pane beside a list: the selected item's detail, closed with Esc or its button. Focus moves to its
 * heading when it opens or shows another item (not while the user arrows through the list beside it).
 */
export function DetailPane({ label, kicker, title, badges, onClose, children, takeFocus = false }: DetailPaneProps) {
  const heading = useRef<HTMLHeadingElement>(null)
  const aside = useRef<HTMLElement>(null)
  const [width, setWidth] = usePaneWidth()
  useEffect(() => {
    // takeFocus: the list asked for it (Enter on a tree row), even though the last keys were arrows.
    if (ARROWING.has(lastKey) && !takeFocus) return
    if (document.activeElement?.closest('[role="dialog"], [role="alertdialog"]')) return
    // Once the pane is on screen: focusing makes the browser style the page at once, which for a page just made held
    // its first frame back.
    let timer = 0
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => heading.current?.focus({ preventScroll: true }))
    })
    return () => {
      cancelAnimationFrame(frame)
      window.clearTimeout(timer)
    }
  }, [label, takeFocus])

  useEffect(() => {
    const listener = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null
      const inField = target?.closest('input, textarea, [role="listbox"], [role="menu"], [role="dialog"]')
      if (event.key === 'Escape' && !inField && !event.defaultPrevented) onClose()
    }
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [onClose])

  return (
    <aside className="detail-pane" aria-label={label} ref={aside} style={width ? { width } : undefined}>
      <PaneResizer width={width} onResize={setWidth} pane={() => aside.current} />
      <Flex className="detail-header" align="start" justify="between" gap="2">
        <Flex direction="column" gap="1" style={{ minWidth: 0 }}>
          <Text size="1" color="gray" className="mono">
            {kicker}
          </Text>
          <Heading as="h2" size="4" ref={heading} tabIndex={-1} className="detail-title">
            {title}
          </Heading>
          {badges && (
            <Flex gap="1" wrap="wrap">
              {badges}
            </Flex>
          )}
        </Flex>
        <IconButton size="1" variant="ghost" color="gray" aria-label="Close details" onClick={onClose}>
          <Cross2Icon />
        </IconButton>
      </Flex>
      {children}
    </aside>
  )
}
