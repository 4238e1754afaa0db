import { CheckIcon } from '@radix-ui/react-icons'
import { Button, Callout, Flex, Text } from '@radix-ui/themes'
import { useUnsavedChanges } from '../app/unsaved-changes'

/** The end of an edit form: the error if any, and either Save/Discard or the saved state. */
export function FormFooter(props: {
  dirty: boolean
  saving: boolean
  error: string | null
  saved: string
  onDiscard: () => void
}) {
  useUnsavedChanges(props.dirty)
  return (
    <>
      {props.error && (
        <Callout.Root color="red" size="1" role="alert">
          <Callout.Text>{props.error}</Callout.Text>
        </Callout.Root>
      )}
      <Flex className="form-actions" gap="2" align="center" justify="end">
        {props.dirty ? (
          <>
            <Text size="1" color="amber" mr="auto">
              Unsaved changes
            </Text>
            <Button type="button" size="1" variant="soft" color="gray" onClick={props.onDiscard}>
              Discard
            </Button>
            <Button type="submit" size="1" loading={props.saving}>
              Save
            </Button>
          </>
        ) : (
          <Text size="1" color="gray" mr="auto">
            <CheckIcon style={{ verticalAlign: 'middle' }} /> {props.saved}
          </Text>
        )}
      </Flex>
    </>
  )
}
