import { DownloadIcon } from '@radix-ui/react-icons'
import { Button } from '@radix-ui/themes'
import { call, errorMessage } from '../../api/client'
import { useAppInfo, useCommand } from '../../api/queries'
import { useToast } from '../../components/Toasts'

/** Writes the control's full record (statement, responsibility, mappings, evidence with hashes, history) as a PDF. */
export function ExportRecordButton({ id }: { id: string }) {
  const exportRecord = useCommand('controls:exportRecord')
  const info = useAppInfo()
  const toast = useToast()
  return (
    <Button
      size="1"
      variant="soft"
      color="gray"
      loading={exportRecord.isPending}
      onClick={() =>
        exportRecord.mutate(
          { id },
          {
            onSuccess: (written) =>
              toast({
                title: `${id}'s record saved as a PDF (${written.pages} page${written.pages === 1 ? '' : 's'})`,
                description: written.path,
                tone: 'success',
                ...(info.data?.canShowInFolder
                  ? {
                      action: {
                        label: 'Show in folder',
                        onClick: () =>
                          void call('app:showInFolder', { path: written.path }).catch((error: unknown) =>
                            toast({ title: 'Could not show the file', description: errorMessage(error), tone: 'error' })
                          )
                      }
                    }
                  : {})
              }),
            onError: (error) =>
              toast({ title: 'The record was not exported', description: error.message, tone: 'error' })
          }
        )
      }
    >
      <DownloadIcon /> Export record (PDF)
    </Button>
  )
}
