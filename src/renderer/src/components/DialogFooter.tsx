import { Button, Callout, Dialog, Flex } from '@radix-ui/themes'
import type { ReactNode } from 'react'

/** The end of a dialog's form: the error if any, Cancel, and the submit button. */
export function DialogFooter({
  error,
  pending,
  children
}: {
  error: string | null
  pending: boolean
  children: ReactNode
}) {
  return (
    <>
      {error && (
        <Callout.Root color="red" size="1" role="alert">
          <Callout.Text>{error}</Callout.Text>
        </Callout.Root>
      )}
      <Flex gap="2" justify="end">
        <Dialog.Close>
          <Button type="button" variant="soft" color="gray">
            Cancel
          </Button>
        </Dialog.Close>
        <Button type="submit" loading={pending}>
          {children}
        </Button>
      </Flex>
    </>
  )
}
