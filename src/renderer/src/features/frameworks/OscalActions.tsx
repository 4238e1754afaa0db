import { ChevronDownIcon, DownloadIcon } from '@radix-ui/react-icons'
import { Button, DropdownMenu } from '@radix-ui/themes'
import type { FrameworkId } from '@shared/domain'
import { safeText } from '@shared/safe-text'
import type { OscalExportResult } from '@shared/types'
import { useLocation } from 'wouter'
import { errorMessage } from '../../api/client'
import { useCommand } from '../../api/queries'
import { FilePicker } from '../../components/FilePicker'
import { useToast } from '../../components/Toasts'

/** The largest catalog the app takes (the core checks it again). */
const CATALOG_MAX_BYTES = 64 * 1024 * 1024

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path

/**
 * OSCAL from the Frameworks page: export the framework shown as a system security plan, or the
 * control library as a component definition (into the data folder's exports/), and import a
 * catalog as a further framework.
 */
export function OscalActions({ framework, shortName }: { framework: FrameworkId; shortName: string }) {
  const toast = useToast()
  const [, navigate] = useLocation()
  const exportSsp = useCommand('oscal:exportSsp')
  const exportLibrary = useCommand('oscal:exportComponentDefinition')
  const importCatalog = useCommand('oscal:importCatalog')
  const busy = exportSsp.isPending || exportLibrary.isPending || importCatalog.isPending

  const exported = (result: OscalExportResult): void =>
    toast({
      tone: 'success',
      title:
        result.kind === 'system-security-plan'
          ? `${shortName} system security plan exported`
          : 'Control library exported as a component definition',
      description:
        `${fileName(result.path)} in the exports folder` +
        (result.kind === 'system-security-plan'
          ? `: ${result.implementedRequirements} requirements, ${result.inherited} with what AWS secures, ${result.satisfied} shared.`
          : `: ${result.components} controls.`)
    })
  const failed = (title: string) => (error: unknown) =>
    toast({ tone: 'error', title, description: errorMessage(error) })

  const onCatalog = async (files: File[]): Promise<void> => {
    const file = files[0]
    if (!file) return
    if (file.size > CATALOG_MAX_BYTES) {
      toast({ tone: 'error', title: 'Catalog not imported', description: 'The file is larger than 64 MB.' })
      return
    }
    try {
      const result = await importCatalog.mutateAsync({ text: await file.text(), fileName: file.name })
      toast({
        tone: 'success',
        title: result.changed
          ? `Imported ${safeText(result.shortName)}`
          : `${safeText(result.shortName)} is up to date`,
        description: `${safeText(result.name)}: ${result.requirements} requirements you can map controls to.`
      })
      navigate(`/frameworks/${result.id}`)
    } catch (error) {
      failed('Catalog not imported')(error)
    }
  }

  return (
    <>
      <FilePicker
        onFiles={(files) => void onCatalog(files)}
        multiple={false}
        accept=".json"
        inputLabel="OSCAL catalog"
        variant="soft"
      >
        Import catalog…
      </FilePicker>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger disabled={busy}>
          <Button size="1" variant="soft">
            <DownloadIcon /> Export OSCAL <ChevronDownIcon />
          </Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Content size="1">
          <DropdownMenu.Item
            onSelect={() => exportSsp.mutate({ framework }, { onSuccess: exported, onError: failed('Export failed') })}
          >
            {shortName} system security plan
          </DropdownMenu.Item>
          <DropdownMenu.Item
            onSelect={() => exportLibrary.mutate({}, { onSuccess: exported, onError: failed('Export failed') })}
          >
            Control library (component definition)
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Root>
    </>
  )
}
