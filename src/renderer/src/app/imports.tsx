import { Button, Card, Flex, Progress, Text } from '@radix-ui/themes'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { EvidenceImportOptions } from '@shared/schemas'
import type { ImportBatchResult } from '@shared/ipc/contract'
import type { JobProgress } from '@shared/types'
import { call, onEvent } from '../api/client'
import { refreshAll } from '../api/queries'
import { useToast } from '../components/Toasts'

interface ImportJob {
  jobId: string
  label: string
  progress: JobProgress | null
  cancelling?: boolean
}

type StartImport = (files: File[], options?: EvidenceImportOptions) => Promise<ImportBatchResult | null>

const Context = createContext<StartImport>(async () => null)

function newJobId(): string {
  return `import-${crypto.randomUUID()}`
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1048576).toFixed(1)} MB`
  return `${(bytes / 1073741824).toFixed(2)} GB`
}

/**
 * Attaching files from anywhere in the app: one progress panel with Cancel for running imports,
 * a toast with the outcome, and the views refreshed when it is done.
 */
export function ImportProvider({ children }: { children: ReactNode }) {
  const [jobs, setJobs] = useState<ImportJob[]>([])
  const toast = useToast()
  const client = useQueryClient()

  useEffect(
    () =>
      onEvent('jobs:progress', (progress) =>
        setJobs((current) => current.map((job) => (job.jobId === progress.jobId ? { ...job, progress } : job)))
      ),
    []
  )

  const start = useCallback<StartImport>(
    async (files, options = {}) => {
      if (files.length === 0) return null
      const jobId = newJobId()
      const label = files.length === 1 ? files[0]!.name : `${files.length} files`
      setJobs((current) => [...current, { jobId, label, progress: null }])
      try {
        const result = await window.api.importFiles(files, options, jobId)
        if (!result.ok) {
          const cancelled = result.error.message.includes('was cancelled')
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
        for (const failure of failed)
          toast({ title: `Not attached: ${failure.name}`, description: failure.message, tone: 'error' })
        return result.value
      } finally {
        setJobs((current) => current.filter((job) => job.jobId !== jobId))
        void refreshAll(client)
      }
    },
    [client, toast]
  )

  const value = useMemo(() => start, [start])
  return (
    <Context.Provider value={value}>
      {children}
      {jobs.length > 0 && (
        <div className="jobs-panel" role="region" aria-label="Imports in progress">
          {jobs.map((job) => {
            const percent =
              job.progress && job.progress.total > 0 ? Math.round((job.progress.done / job.progress.total) * 100) : 0
            return (
              <Card key={job.jobId} size="1">
                <Flex direction="column" gap="2">
                  <Flex justify="between" align="center" gap="3">
                    <Text size="2" weight="medium" className="truncate">
                      Attaching {job.label}
                    </Text>
                    <Button
                      size="1"
                      variant="soft"
                      color="gray"
                      onClick={() => void call('jobs:cancel', { jobId: job.jobId })}
                    >
                      Cancel
                    </Button>
                  </Flex>
                  <Progress value={percent} aria-label={`Attaching ${job.label}: ${percent}%`} />
                  <Text size="1" color="gray">
                    {job.progress
                      ? `${percent}% · ${formatBytes(job.progress.done)} of ${formatBytes(job.progress.total)}`
                      : 'Starting…'}
                  </Text>
                </Flex>
              </Card>
            )
          })}
        </div>
      )}
    </Context.Provider>
  )
}

export function useImportFiles(): StartImport {
  return useContext(Context)
}

export { formatBytes }
