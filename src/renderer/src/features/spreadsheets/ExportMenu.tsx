import { DownloadIcon } from '@radix-ui/react-icons'
import { Button, DropdownMenu } from '@radix-ui/themes'
import { Fragment, useState } from 'react'
import { EXPORT_KIND_LABELS, type ExportFormat, type ExportKind } from '@shared/spreadsheets'
import { call, errorMessage } from '../../api/client'
import { useAppInfo } from '../../api/queries'
import { useToast } from '../../components/Toasts'

/**
 * Export of a page's whole table (not only the rows on screen) as XLSX or CSV, into the data
 * folder's exports/, as packs are; the toast names the file and shows it in its folder.
 */
export function ExportMenu({ kinds, framework }: { kinds: ExportKind[]; framework?: string }) {
  const toast = useToast()
  const info = useAppInfo()
  const [busy, setBusy] = useState(false)

  const exportAs = async (kind: ExportKind, format: ExportFormat): Promise<void> => {
    setBusy(true)
    try {
      const result = await call('spreadsheets:export', { kind, format, ...(framework ? { framework } : {}) })
      toast({
        title: `Exported the ${EXPORT_KIND_LABELS[kind].toLowerCase()}`,
        description: `${result.rows} rows in ${result.path}`,
        tone: 'success',
        ...(info.data?.canShowInFolder
          ? { action: { label: 'Show in folder', onClick: () => void call('app:showInFolder', { path: result.path }) } }
          : {})
      })
    } catch (error) {
      toast({ title: 'Could not export', description: errorMessage(error), tone: 'error' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger>
        <Button size="1" variant="soft" color="gray" loading={busy}>
          <DownloadIcon /> Export
          <DropdownMenu.TriggerIcon />
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content size="1">
        {kinds.map((kind, index) => (
          <Fragment key={kind}>
            {index > 0 && <DropdownMenu.Separator />}
            <DropdownMenu.Label>{EXPORT_KIND_LABELS[kind]}</DropdownMenu.Label>
            <DropdownMenu.Item onSelect={() => void exportAs(kind, 'xlsx')}>Excel workbook (.xlsx)</DropdownMenu.Item>
            <DropdownMenu.Item onSelect={() => void exportAs(kind, 'csv')}>CSV (.csv)</DropdownMenu.Item>
          </Fragment>
        ))}
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  )
}
