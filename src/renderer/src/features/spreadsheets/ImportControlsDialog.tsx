import { Badge, Button, Callout, Dialog, Flex, ScrollArea, Select, Table, Text } from '@radix-ui/themes'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { CONTROL_IMPORT_FIELDS, type ColumnTarget, type ControlImportPreview } from '@shared/spreadsheets'
import { errorMessage } from '../../api/client'
import { refreshAll, useFrameworkNames } from '../../api/queries'
import { FilePicker } from '../../components/FilePicker'
import { useToast } from '../../components/Toasts'

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

const fileKey = (file: File | null): string => (file ? `${file.name}:${file.size}:${file.lastModified}` : '')

function ImportWizard({ initialFile, onDone }: { initialFile: File | null; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(initialFile)
  const [map, setMap] = useState<Record<string, string>>({})
  const [sheet, setSheet] = useState<string | undefined>(undefined)
  const [applyError, setApplyError] = useState<string | null>(null)
  const [applying, setApplying] = useState(false)
  const frameworks = useFrameworkNames().data ?? []
  const client = useQueryClient()
  const toast = useToast()
  const previewQuery = useQuery({
    queryKey: ['controls:import-preview', fileKey(file), map, sheet],
    enabled: file !== null,
    gcTime: 0,
    retry: false,
    queryFn: async () => {
      const result = await window.api.importControlsFile(file!, { apply: false, map, ...(sheet ? { sheet } : {}) })
      if (!result.ok) throw new Error(result.error.message)
      return result.value
    }
  })
  const [applied, setApplied] = useState<ControlImportPreview | null>(null)
  const preview = applied ?? previewQuery.data ?? null
  const error = applyError ?? (previewQuery.error ? errorMessage(previewQuery.error) : null)
  const busy = applying || previewQuery.isFetching

  const choose = (next: File | null): void => {
    setMap({})
    setSheet(undefined)
    setApplied(null)
    setApplyError(null)
    setFile(next)
  }

  const apply = async (): Promise<void> => {
    if (!file) return
    setApplying(true)
    const result = await window.api.importControlsFile(file, { apply: true, map, ...(sheet ? { sheet } : {}) })
    setApplying(false)
    if (!result.ok) return setApplyError(result.error.message)
    if (result.value.errors.length) return setApplied(result.value)
    // Closed first, so its own preview is not fetched again with everything else.
    onDone()
    void refreshAll(client)
    toast({
      title: 'Controls imported',
      description: `${result.value.created} created, ${result.value.updated} updated, ${result.value.unchanged} unchanged`,
      tone: 'success'
    })
  }

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
        {preview && preview.sheets.length > 1 && (
          <Select.Root
            size="1"
            value={preview.sheet ?? undefined}
            onValueChange={(value) => {
              setApplied(null)
              setSheet(value)
            }}
          >
            <Select.Trigger aria-label="Sheet" />
            <Select.Content>
              {preview.sheets.map((name) => (
                <Select.Item key={name} value={name}>
                  {name}
                </Select.Item>
              ))}
            </Select.Content>
          </Select.Root>
        )}
      </Flex>
      {error && (
        <Callout.Root color="red" size="1" role="alert">
          <Callout.Text>{error}</Callout.Text>
        </Callout.Root>
      )}
      {preview && (
        <>
          <Text size="2" weight="medium">
            Columns
          </Text>
          <ScrollArea style={{ maxHeight: 180 }}>
            <Table.Root size="1" aria-label="Column mapping">
              <Table.Body>
                {preview.mapping.map((column, index) => (
                  <Table.Row key={`${column.column}-${index}`}>
                    <Table.RowHeaderCell>{column.column || `(column ${index + 1})`}</Table.RowHeaderCell>
                    <Table.Cell>
                      <Select.Root
                        size="1"
                        value={column.field}
                        onValueChange={(value) => {
                          setApplied(null)
                          setMap((current) => ({ ...current, [column.column]: value }))
                        }}
                      >
                        <Select.Trigger aria-label={`Field for ${column.column}`} />
                        <Select.Content>
                          {targets.map((target) => (
                            <Select.Item key={target.value} value={target.value}>
                              {target.label}
                            </Select.Item>
                          ))}
                        </Select.Content>
                      </Select.Root>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </ScrollArea>
          <Flex gap="2" role="status" aria-label="Import preview">
            <Badge color="green">{preview.created} to create</Badge>
            <Badge color="blue">{preview.updated} to update</Badge>
            <Badge color="gray">{preview.unchanged} unchanged</Badge>
            {preview.errors.length > 0 && (
              <Badge color="red">
                {preview.errors.length} error{preview.errors.length === 1 ? '' : 's'}
              </Badge>
            )}
          </Flex>
          <ScrollArea style={{ maxHeight: 220 }}>
            {preview.errors.length > 0 ? (
              <Table.Root size="1" aria-label="Rows with errors">
                <Table.Header>
                  <Table.Row>
                    <Table.ColumnHeaderCell>Row</Table.ColumnHeaderCell>
                    <Table.ColumnHeaderCell>Column</Table.ColumnHeaderCell>
                    <Table.ColumnHeaderCell>What is wrong</Table.ColumnHeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {preview.errors.slice(0, SHOWN_CHANGES).map((rowError, index) => (
                    <Table.Row key={index}>
                      <Table.Cell>{rowError.row}</Table.Cell>
                      <Table.Cell>{rowError.column || '—'}</Table.Cell>
                      <Table.Cell>{rowError.message}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            ) : (
              <Table.Root size="1" aria-label="Changes">
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
          </ScrollArea>
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
          {preview && preview.errors.length > 0
            ? 'Correct the errors to apply'
            : changes === 0
              ? 'Nothing to import'
              : `Apply ${changes} change${changes === 1 ? '' : 's'}`}
        </Button>
      </Flex>
    </Flex>
  )
}
