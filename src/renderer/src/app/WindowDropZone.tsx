import { UploadIcon } from '@radix-ui/react-icons'
import { AlertDialog, Button, Flex, Heading, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import { useLocation } from 'wouter'
import { ImportControlsDialog } from '../features/spreadsheets/ImportControlsDialog'
import { useImportFiles } from './imports'

/** A spreadsheet dropped on the Register may be a control list to import rather than evidence: ask. */
const isControlList = (files: File[]): boolean => files.length === 1 && /\.(csv|tsv|xlsx)$/i.test(files[0]!.name)

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false

/** While a dialog is open, files dropped belong to it (or to nothing), never to the vault behind it. */
const dialogOpen = (): boolean => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null

/** Files dropped anywhere on the window are attached as evidence (a drop zone inside can claim them first). */
export function WindowDropZone() {
  const importFiles = useImportFiles()
  const [active, setActive] = useState(false)
  const [location] = useLocation()
  const onRegister = location.startsWith('/register')
  const [asking, setAsking] = useState<File | null>(null)
  const [importing, setImporting] = useState<File | null>(null)

  useEffect(() => {
    let depth = 0
    const enter = (event: DragEvent): void => {
      if (!carriesFiles(event) || dialogOpen()) return
      depth++
      setActive(true)
    }
    const leave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setActive(false)
    }
    const over = (event: DragEvent): void => {
      if (carriesFiles(event)) event.preventDefault()
    }
    const drop = (event: DragEvent): void => {
      depth = 0
      setActive(false)
      if (!carriesFiles(event)) return
      event.preventDefault()
      if (dialogOpen()) return
      const files = [...(event.dataTransfer?.files ?? [])]
      if (onRegister && isControlList(files)) setAsking(files[0]!)
      else void importFiles(files)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragleave', leave)
    window.addEventListener('dragover', over)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('dragover', over)
      window.removeEventListener('drop', drop)
    }
  }, [importFiles, onRegister])

  const question = (
    <>
      <AlertDialog.Root open={asking !== null} onOpenChange={(open) => !open && setAsking(null)}>
        <AlertDialog.Content maxWidth="460px">
          <AlertDialog.Title>Import controls or attach as evidence?</AlertDialog.Title>
          <AlertDialog.Description size="2">
            {asking?.name} looks like a spreadsheet. Import the controls it lists into the register (you check the
            columns and every change first), or keep the file as evidence in the vault.
          </AlertDialog.Description>
          <Flex gap="2" mt="4" justify="end">
            <AlertDialog.Cancel>
              <Button variant="soft" color="gray">
                Cancel
              </Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action>
              <Button variant="soft" onClick={() => asking && void importFiles([asking])}>
                Attach as evidence
              </Button>
            </AlertDialog.Action>
            <AlertDialog.Action>
              <Button onClick={() => setImporting(asking)}>Import controls…</Button>
            </AlertDialog.Action>
          </Flex>
        </AlertDialog.Content>
      </AlertDialog.Root>
      <ImportControlsDialog
        open={importing !== null}
        onOpenChange={(open) => !open && setImporting(null)}
        initialFile={importing}
      />
    </>
  )

  if (!active) return question
  return (
    <>
      {question}
      <div className="drop-overlay" aria-hidden>
        <Flex direction="column" align="center" gap="2">
          <UploadIcon width={32} height={32} />
          <Heading size="4">Drop files to attach them as evidence</Heading>
          <Text size="2" color="gray">
            They are copied into the vault; the originals are never moved or changed.
          </Text>
        </Flex>
      </div>
    </>
  )
}
