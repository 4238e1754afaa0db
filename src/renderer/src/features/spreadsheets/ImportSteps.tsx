import { Badge, Flex, ScrollArea, Select, Table, Text } from '@radix-ui/themes'
import type { ReactNode } from 'react'

/** The steps every spreadsheet import shows: the sheet, the column mapping, the counts and the rows in error. */

const SHOWN_ERRORS = 200

/** The workbook's sheet to read, offered only when there is more than one. */
export function SheetSelect({
  sheets,
  value,
  onChange
}: {
  sheets: readonly string[] | undefined
  value: string | null | undefined
  onChange: (sheet: string) => void
}) {
  if (!sheets || sheets.length < 2) return null
  return (
    <Select.Root size="1" value={value ?? undefined} onValueChange={onChange}>
      <Select.Trigger aria-label="Sheet" />
      <Select.Content>
        {sheets.map((name) => (
          <Select.Item key={name} value={name}>
            {name}
          </Select.Item>
        ))}
      </Select.Content>
    </Select.Root>
  )
}

/** One row per column of the file, with the field it is read into. */
export function ColumnMappingTable({
  columns,
  targets,
  onChange,
  maxHeight
}: {
  columns: readonly { heading: string; field: string }[]
  targets: readonly { value: string; label: string }[]
  onChange: (heading: string, field: string) => void
  maxHeight: number
}) {
  return (
    <>
      <Text size="2" weight="medium">
        Columns
      </Text>
      <ScrollArea style={{ maxHeight }}>
        <Table.Root size="1">
          <caption className="visually-hidden">Column mapping</caption>
          <Table.Body>
            {columns.map((column, index) => {
              const name = column.heading || `column ${index + 1}`
              return (
                <Table.Row key={`${column.heading}-${index}`}>
                  <Table.RowHeaderCell>{column.heading || `(column ${index + 1})`}</Table.RowHeaderCell>
                  <Table.Cell>
                    <Select.Root
                      size="1"
                      value={column.field}
                      onValueChange={(value) => onChange(column.heading, value)}
                    >
                      <Select.Trigger aria-label={`Field for ${name}`} />
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
              )
            })}
          </Table.Body>
        </Table.Root>
      </ScrollArea>
    </>
  )
}

/** What the import will do, announced as it changes. */
export function ImportCounts({
  created,
  updated,
  unchanged,
  errors,
  createdLabel
}: {
  created: number
  updated: number
  unchanged: number
  errors: number
  createdLabel: string
}) {
  return (
    <Flex gap="2" role="status" aria-label="Import preview" wrap="wrap">
      <Badge color="green">
        {created} {createdLabel}
      </Badge>
      <Badge color="blue">{updated} to update</Badge>
      <Badge color="gray">{unchanged} unchanged</Badge>
      {errors > 0 && (
        <Badge color="red">
          {errors} error{errors === 1 ? '' : 's'}
        </Badge>
      )}
    </Flex>
  )
}

/**
 * A list that scrolls within the dialog. It takes focus so keyboard users can scroll it too (its rows hold
 * nothing else focusable), and is named for screen readers.
 */
export function ScrollRegion({
  label,
  maxHeight,
  children
}: {
  label: string
  maxHeight: number
  children: ReactNode
}) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0} style={{ maxHeight }}>
      {children}
    </div>
  )
}

/** Every row in error by row and column (the first 200), so the file can be corrected. */
export function RowErrorsTable({
  errors
}: {
  errors: readonly { row: number; column?: string | null; message: string }[]
}) {
  return (
    <Table.Root size="1">
      <caption className="visually-hidden">Rows with errors</caption>
      <Table.Header>
        <Table.Row>
          <Table.ColumnHeaderCell>Row</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>Column</Table.ColumnHeaderCell>
          <Table.ColumnHeaderCell>What is wrong</Table.ColumnHeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {errors.slice(0, SHOWN_ERRORS).map((rowError, index) => (
          <Table.Row key={index}>
            <Table.Cell>{rowError.row}</Table.Cell>
            <Table.Cell>{rowError.column || '—'}</Table.Cell>
            <Table.Cell>{rowError.message}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table.Root>
  )
}

/** The import's final button: says what it will do, or why it cannot. */
export function applyLabel(
  preview: { created: number; updated: number; errors: readonly unknown[] } | null,
  verb: string,
  noun: (count: number) => string
): ReactNode {
  if (!preview) return verb
  const changes = preview.created + preview.updated
  if (preview.errors.length > 0) return `Correct the errors to ${verb.toLowerCase()}`
  if (changes === 0) return 'Nothing to import'
  return `${verb} ${changes} ${noun(changes)}`
}
