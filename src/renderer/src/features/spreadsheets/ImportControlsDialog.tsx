import { Button, Callout, Dialog, Flex, Table, Text } from '@radix-ui/themes'
import { CONTROL_IMPORT_FIELDS, type ColumnTarget, type ControlImportPreview } from '@shared/spreadsheets'
import { useFrameworkNames } from '../../api/queries'
import { FilePicker } from '../../components/FilePicker'
import { useToast } from '../../components/Toasts'
import { ColumnMappingTable, ImportCounts, RowErrorsTable, ScrollRegion, SheetSelect, applyLabel } from './ImportSteps'
import { useSpreadsheetImport } from './useSpreadsheetImport'

const FIELD_LABELS: Record<(typeof CONTROL_IMPORT_FIELDS)[number], string> = {
  id: 'Control id',
  title: 'Title',
  statement: 'Statement',
  domain: 'Domain',
  owner: 'Owner',
  status: 'Status',
  responsibility: 'Responsibility',
  rationale: 'Responsibility rationale',
  notApplicableReason: 'Why not applicable',
  awsServices: 'AWS services',
  notes: 'Notes'
}

const SHOWN_CHANGES = 200

/**
 * The control import wizard: a file, the columns it maps (guessed, and changed here), a preview of
 * every control created or updated and every row in error, then Apply: all or nothing.
 */
export function ImportControlsDialog({
  open,
  onOpenChange,
  initialFile
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  initialFile?: File | null
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Content maxWidth="860px" aria-describedby="import-controls-description">
        <Dialog.Title>Import controls</Dialog.Title>
        <Dialog.Description id="import-controls-description" size="2" color="gray" mb="3">
          From a CSV or Excel workbook with a header row. Check the columns and what will change; nothing is written
          until you apply, and then everything or nothing.
        </Dialog.Description>
        {/* Mounted only while the dialog is open, so each opening starts afresh. */}
        <ImportWizard initialFile={initialFile ?? null} onDone={() => onOpenChange(false)} />
      </Dialog.Content>
    </Dialog.Root>
  )
}

function ImportWizard({ initialFile, onDone }: { initialFile: File | null; onDone: () => void }) {
  const frameworks = useFrameworkNames().data ?? []
  const toast = useToast()
  const { file, preview, error, busy, choose, chooseSheet, mapColumn, apply } = useSpreadsheetImport({
    queryKey: ['controls:import-preview'],
    initialFile,
    run: (chosen, options) => window.api.importControlsFile(chosen, options),
    onDone,
    onApplied: (result: ControlImportPreview) =>
      toast({
        title: 'Controls imported',
        description: `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`,
        tone: 'success'
      })
  })

  const targets: { value: ColumnTarget; label: string }[] = [
    ...CONTROL_IMPORT_FIELDS.map((field) => ({ value: field, label: FIELD_LABELS[field] })),
    ...frameworks.map((framework) => ({
      value: `map:${framework.id}` as const,
      label: `${framework.shortName} references`
    })),
    { value: 'ignore', label: 'Not imported' }
  ]
  const changes = (preview?.created ?? 0) + (preview?.updated ?? 0)

  return (
    <Flex direction="column" gap="3">
      <Flex align="center" gap="3">
        <FilePicker
          multiple={false}
          accept=".csv,.txt,.tsv,.xlsx"
          inputLabel="Control list"
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
      {preview && (
        <>
          <ColumnMappingTable
            columns={preview.mapping.map((column) => ({ heading: column.column, field: column.field }))}
            targets={targets}
            maxHeight={180}
            onChange={mapColumn}
          />
          <ImportCounts
            created={preview.created}
            updated={preview.updated}
            unchanged={preview.unchanged}
            errors={preview.errors.length}
            createdLabel="to create"
          />
          <ScrollRegion label={preview.errors.length > 0 ? 'Rows with errors' : 'Changes'} maxHeight={220}>
            {preview.errors.length > 0 ? (
              <RowErrorsTable errors={preview.errors} />
            ) : (
              <Table.Root size="1">
                <caption className="visually-hidden">Changes</caption>
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeaderCell>Control</Table.ColumnHeaderCell>
                    <Table.ColumnHeaderCell>Field</Table.ColumnHeaderCell>
                    <Table.ColumnHeaderCell>Before</Table.ColumnHeaderCell>
                    <Table.ColumnHeaderCell>After</Table.ColumnHeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {preview.changes.slice(0, SHOWN_CHANGES).flatMap((control) =>
                    control.changes
                      .filter((change) => control.action === 'update' || change.after !== '')
                      .map((change, index) => (
                        <Table.Row key={`${control.id}-${change.field}`}>
                          <Table.Cell>
                            {index === 0 ? control.id : ''}
                            {index === 0 && control.action === 'create' ? ' (new)' : ''}
                          </Table.Cell>
                          <Table.Cell>{change.field}</Table.Cell>
                          <Table.Cell className="clip-cell">{change.before || '—'}</Table.Cell>
                          <Table.Cell className="clip-cell">{change.after || '—'}</Table.Cell>
                        </Table.Row>
                      ))
                  )}
                </Table.Body>
              </Table.Root>
            )}
          </ScrollRegion>
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
          {applyLabel(preview, 'Apply', (count) => (count === 1 ? 'change' : 'changes'))}
        </Button>
      </Flex>
    </Flex>
  )
}
