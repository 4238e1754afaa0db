import { AlertDialog, Button, Flex } from '@radix-ui/themes'
import type { ComponentProps, ReactNode } from 'react'

/**
 * A button for a change of state that one stray key press should not make: it asks once, saying what will happen,
 * and acts only on the second, explicit choice.
 */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  onConfirm,
  loading,
  ask = true,
  ...buttonProps
}: Omit<ComponentProps<typeof Button>, 'onClick' | 'title'> & {
  title: string
  description: ReactNode
  confirmLabel: string
  onConfirm: () => void
  /** False when there is nothing to warn about: the button acts at once. */
  ask?: boolean
}) {
  if (!ask) {
    return (
      <Button loading={loading} {...buttonProps} onClick={onConfirm}>
        {children}
      </Button>
    )
  }
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger>
        <Button loading={loading} {...buttonProps}>
          {children}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Content maxWidth="440px">
        <AlertDialog.Title>{title}</AlertDialog.Title>
        <AlertDialog.Description size="2">{description}</AlertDialog.Description>
        <Flex gap="2" mt="4" justify="end">
          <AlertDialog.Cancel>
            <Button variant="soft" color="gray">
              Cancel
            </Button>
          </AlertDialog.Cancel>
          <AlertDialog.Action>
            <Button onClick={onConfirm}>{confirmLabel}</Button>
          </AlertDialog.Action>
        </Flex>
      </AlertDialog.Content>
    </AlertDialog.Root>
  )
}
