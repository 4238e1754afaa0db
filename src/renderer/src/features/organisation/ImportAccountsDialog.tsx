import { Button, Callout, Code, Dialog, Flex, Text, TextArea, TextField } from '@radix-ui/themes'
import { useState, type ReactNode } from 'react'
import type { AccountsImportResult } from '@shared/types'
import { useCommand } from '../../api/queries'
import { Field } from '../../components/Field'
import { FilePicker } from '../../components/FilePicker'
import { useToast } from '../../components/Toasts'

/** Reads what `aws organizations list-accounts` (or its kin) printed: chosen as a file or pasted. */
export function ImportAccountsDialog({ trigger }: { trigger: ReactNode }) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [unit, setUnit] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<AccountsImportResult | null>(null)
  const importListing = useCommand('accounts:import')
  const toast = useToast()

  const reset = (): void => {
    setText('')
    setUnit('')
    setError(null)
    setResult(null)
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next)
        if (!next) reset()
      }}
    >
      <Dialog.Trigger>{trigger}</Dialog.Trigger>
      <Dialog.Content maxWidth="600px">
        <Dialog.Title>Import from AWS Organizations</Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          Run one of these in the management account (or AWS CloudShell) and choose or paste what it prints:{' '}
          <Code size="1">aws organizations list-accounts</Code>,{' '}
          <Code size="1">list-accounts-for-parent --parent-id ou-…</Code> (name the unit below) or{' '}
          <Code size="1">list-organizational-units-for-parent --parent-id r-…</Code>. New accounts are added; known ones
          take the listed name.
        </Dialog.Description>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            setError(null)
            importListing.mutate(
              { text, ...(unit.trim() ? { organizationalUnit: unit.trim() } : {}) },
              {
                onSuccess: (imported) => {
                  setResult(imported)
                  toast({ title: describeImport(imported), tone: 'success' })
                },
                onError: (importError) => setError(importError.message)
              }
            )
          }}
        >
          <Flex direction="column" gap="3">
            <Flex gap="2" align="center">
              <FilePicker
                multiple={false}
                accept=".json,.txt,application/json"
                inputLabel="AWS Organizations listing"
                onFiles={(files) => {
                  void files[0]!.text().then(setText)
                }}
              >
                Choose a JSON file…
              </FilePicker>
              <Text size="1" color="gray">
                or paste it below
              </Text>
            </Flex>
            <Field label="Listing (JSON)">
              {(id) => (
                <TextArea
                  id={id}
                  rows={8}
                  className="mono"
                  value={text}
                  placeholder={'{\n  "Accounts": [ { "Id": "111111111111", "Name": "Master Account", … } ]\n}'}
                  onChange={(event) => setText(event.target.value)}
                />
              )}
            </Field>
            <Field
              label="Organizational unit of these accounts (optional)"
              hint="For list-accounts-for-parent, which does not name the unit it lists."
            >
              {(id) => <TextField.Root id={id} value={unit} onChange={(event) => setUnit(event.target.value)} />}
            </Field>
            {error && (
              <Callout.Root color="red" size="1" role="alert">
                <Callout.Text>{error}</Callout.Text>
              </Callout.Root>
            )}
            {result && (
              <Callout.Root color="green" size="1" role="status">
                <Callout.Text>{describeImport(result)}</Callout.Text>
              </Callout.Root>
            )}
            <Flex gap="2" justify="end">
              <Dialog.Close>
                <Button type="button" variant="soft" color="gray">
                  {result ? 'Close' : 'Cancel'}
                </Button>
              </Dialog.Close>
              <Button type="submit" disabled={text.trim() === ''} loading={importListing.isPending}>
                Import
              </Button>
            </Flex>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  )
}

export function describeImport(result: AccountsImportResult): string {
  const parts = [
    `${result.added.length} account${result.added.length === 1 ? '' : 's'} added`,
    `${result.updated.length} updated`,
    `${result.unchanged} unchanged`
  ]
  if (result.organizationalUnits.length) parts.push(`organizational units: ${result.organizationalUnits.join(', ')}`)
  return `Imported: ${parts.join(', ')}.`
}
