import { UploadIcon } from '@radix-ui/react-icons'
import { Button } from '@radix-ui/themes'
import { useRef, type ReactNode } from 'react'

/** A button that opens the system's file dialog and hands over the chosen files. */
export function FilePicker({
  onFiles,
  children,
  size = '1'
}: {
  onFiles: (files: File[]) => void
  children?: ReactNode
  size?: '1' | '2'
}) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to attach"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          if (files.length) onFiles(files)
        }}
      />
      <Button size={size} onClick={() => input.current?.click()}>
        <UploadIcon /> {children ?? 'Add evidence…'}
      </Button>
    </>
  )
}
