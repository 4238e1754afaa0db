import { Cross2Icon } from '@radix-ui/react-icons'
import { Flex, Heading, IconButton, Text } from '@radix-ui/themes'
import { useEffect, useRef, type ReactNode } from 'react'

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

/** The right-hand pane beside a list: the selected item's detail, closed with Esc or its button. */
export function DetailPane({ label, kicker, title, badges, onClose, children, takeFocus = false }: DetailPaneProps) {
  const paneRef = useRef<HTMLElement>(null)
  useEffect(() => {
    if (takeFocus) paneRef.current?.focus()
  }, [takeFocus, label])
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
    <aside className="detail-pane" aria-label={label} ref={paneRef} tabIndex={-1}>
      <Flex className="detail-header" align="start" justify="between" gap="2">
        <Flex direction="column" gap="1" style={{ minWidth: 0 }}>
          <Text size="1" color="gray" className="mono">
            {kicker}
          </Text>
          <Heading as="h2" size="4">
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
