import { Button, Callout, Dialog, Flex, Text } from '@radix-ui/themes'
import { REQUEST_IMPORT_FIELDS, type RequestImportField, type RequestImportResult } from '@shared/spreadsheets'
import { FilePicker } from '../../components/FilePicker'
import { useToast } from '../../components/Toasts'
import {
  ColumnMappingTable,
  ImportCounts,
  RowErrorsTable,
  ScrollRegion,
  SheetSelect,
  applyLabel
} from '../spreadsheets/ImportSteps'
import { useSpreadsheetImport } from '../spreadsheets/useSpreadsheetImport'

const FIELD_LABELS: Record<RequestImportField, string> = {
  id: 'Request id',
  reference: 'Reference (control or requirement)',
  details: 'Details',
  assignee: 'Assigned to',
  dueDate: 'Due date',
  ignore: 'Kept as is (not read)'
}

const FIELD_TARGETS = REQUEST_IMPORT_FIELDS.map((field) => ({ value: field, label: FIELD_LABELS[field] }))

/**
 * Imports an auditor's request list into a pack, as the control import does: a file, the columns
 * it maps (guessed, and changed here), what will be created or changed and every row in error,
 * then Import: all or nothing.
 */
export function ImportRequestsDialog({
  packId,
  open,
  onOpenChange
}: {
  packId: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Content maxWidth="760px" aria-describedby="import-requests-description">
        <Dialog.Title>Import a request list</Dialog.Title>
        <Dialog.Description id="import-requests-description" size="2" color="gray" mb="3">
          The auditor&apos;s list (CSV or Excel workbook with a header row): one row per request. Requests citing a
          control or requirement are linked to it. Importing the list again updates the requests and keeps their
          answers; nothing is written until you import, and then everything or nothing.
        </Dialog.Description>
        {open && <ImportRequestSteps packId={packId} onDone={() => onOpenChange(false)} />}
      </Dialog.Content>
    </Dialog.Root>
  )
}

function ImportRequestSteps({ packId, onDone }: { packId: string; onDone: () => void }) {
  const toast = useToast()
  const { file, preview, error, busy, choose, chooseSheet, mapColumn, apply } = useSpreadsheetImport({
    queryKey: ['requests:import-preview', packId],
    run: (chosen, options) => window.api.importRequestsFile(chosen, { packId, ...options }),
    onDone,
    onApplied: (result: RequestImportResult) =>
      toast({
        title: 'Request list imported',
        description: `${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged; ${result.linked} linked by reference`,
        tone: 'success'
      })
  })
  const changes = (preview?.created ?? 0) + (preview?.updated ?? 0)

  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="3" wrap="wrap">
        <FilePicker
          multiple={false}
          accept=".csv,.txt,.tsv,.xlsx"
          inputLabel="Request list"
          onFiles={([picked]) => choose(picked ?? null)}
        >
          {file ? 'Choose another file…' : 'Choose a file…'}
        </FilePicker>
        {file && <Text size="2">{file.name}</Text>}
        <SheetSelect sheets={preview?.sheets} value={preview?.sheet} onChange={chooseSheet} />
      </Flex>
      {error && (
        <Callout.Root color="red" size="1" role="alert">
          <Callout.Text>{error}</Callout.Text>
        </Callout.Root>
      )}
      {preview?.columns && (
        <>
          <ColumnMappingTable columns={preview.columns} targets={FIELD_TARGETS} maxHeight={200} onChange={mapColumn} />
          <Text size="1" color="gray">
            Every column comes back in the exported list as it was, with the status, response and evidence beside it.
          </Text>
        </>
      )}
      {preview && (
        <>
          <ImportCounts
            created={preview.created}
            updated={preview.updated}
            unchanged={preview.unchanged}
            errors={preview.errors.length}
            createdLabel="new"
          />
          {preview.errors.length > 0 && (
            <ScrollRegion label="Rows with errors" maxHeight={220}>
              <RowErrorsTable errors={preview.errors} />
            </ScrollRegion>
          )}
        </>
      )}
      <Flex justify="end" gap="2">
        <Dialog.Close>
          <Button variant="soft" color="gray">
            Cancel
          </Button>
        </Dialog.Close>
        <Button
          onClick={() => void apply()}
          loading={busy}
          disabled={!preview || preview.errors.length > 0 || changes === 0}
        >
          {applyLabel(preview, 'Import', (count) => (count === 1 ? 'request' : 'requests'))}
        </Button>
      </Flex>
    </Flex>
  )
}
