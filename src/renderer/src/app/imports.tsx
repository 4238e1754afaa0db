import { useCallback } from 'react'
import type { ImportBatchResult } from '@shared/ipc/contract'
import type { EvidenceImportOptions } from '@shared/schemas'
import { useToast } from '../components/Toasts'
import { useRunJob } from './jobs'
import { useRequestAccount } from '../features/organisation/add-account-request'

export { formatBytes } from './jobs'

/**
 * Attaching files from anywhere in the app: shown in the jobs panel with progress and Cancel,
 * and a toast with the outcome.
 */
export function useImportFiles(): (
  files: File[],
  options?: EvidenceImportOptions
) => Promise<ImportBatchResult | null> {
  const run = useRunJob()
  const toast = useToast()
  const requestAccount = useRequestAccount()
  return useCallback(
    async (files, options = {}) => {
      if (files.length === 0) return null
      const label = `Attaching ${files.length === 1 ? files[0]!.name : `${files.length} files`}`
      const result = await run('import', label, (jobId) => window.api.importFiles(files, options, jobId))
      if (!result.ok) {
        const cancelled = result.error.code === 'CANCELLED'
        toast({
          title: cancelled ? 'Import cancelled' : 'Could not attach the files',
          description: result.error.message,
          tone: cancelled ? 'info' : 'error'
        })
        return null
      }
      const { imported, failed } = result.value
      const extracted = imported.reduce((sum, item) => sum + item.extracted.length, 0)
      const duplicates = imported.filter((item) => item.duplicateOf).length
      if (imported.length) {
        toast({
          title: `Attached ${imported.length} file${imported.length === 1 ? '' : 's'}`,
          description: [
            extracted ? `${extracted} report${extracted === 1 ? '' : 's'} extracted from AWS Artifact downloads` : '',
            duplicates ? `${duplicates} already in the vault` : ''
          ]
            .filter(Boolean)
            .join(' · '),
          tone: 'success'
        })
      }
      // Evidence naming an account the register does not list would drop out of account-scoped packs: say so.
      const unknown = [...new Set(imported.flatMap((item) => item.unknownAccounts ?? []))]
      for (const account of unknown)
        toast({
          title: `AWS account ${account} is not in the register`,
          description: 'The evidence is tagged with it, but packs scoped to accounts leave it out until it is added.',
          tone: 'info',
          duration: 30_000,
          action: { label: 'Add account', onClick: () => requestAccount(account) }
        })
      for (const failure of failed)
        toast({ title: `Not attached: ${failure.name}`, description: failure.message, tone: 'error' })
      return result.value
    },
    [run, toast, requestAccount]
  )
}
