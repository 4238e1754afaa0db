import { ArchiveIcon } from '@radix-ui/react-icons'
import { Button } from '@radix-ui/themes'
import { call, errorMessage } from '../../api/client'
import { useAppInfo } from '../../api/queries'
import { useToast } from '../../components/Toasts'

/** Opens the system's file manager at an exported pack (only where the host can). */
export function ShowInFolderButton({ path }: { path: string }) {
  const info = useAppInfo()
  const toast = useToast()
  if (!info.data?.canShowInFolder) return null
  return (
    <Button
      size="1"
      variant="soft"
      color="gray"
      onClick={() =>
        void call('app:showInFolder', { path }).catch((error: unknown) =>
          toast({ title: 'Could not show the file', description: errorMessage(error), tone: 'error' })
        )
      }
    >
      <ArchiveIcon /> Show in folder
    </Button>
  )
}
