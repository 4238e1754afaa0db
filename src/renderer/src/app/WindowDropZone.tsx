import { UploadIcon } from '@radix-ui/react-icons'
import { Flex, Heading, Text } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import { useImportFiles } from './imports'

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false

/** While a dialog is open, files dropped belong to it (or to nothing), never to the vault behind it. */
const dialogOpen = (): boolean => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null

/** Files dropped anywhere on the window are attached as evidence (a drop zone inside can claim them first). */
export function WindowDropZone() {
  const importFiles = useImportFiles()
  const [active, setActive] = useState(false)

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
      void importFiles([...(event.dataTransfer?.files ?? [])])
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
  }, [importFiles])

  if (!active) return null
  return (
    <div className="drop-overlay" aria-hidden>
      <Flex direction="column" align="center" gap="2">
        <UploadIcon width={32} height={32} />
        <Heading size="4">Drop files to attach them as evidence</Heading>
        <Text size="2" color="gray">
          They are copied into the vault; the originals are never moved or changed.
        </Text>
      </Flex>
    </div>
  )
}
