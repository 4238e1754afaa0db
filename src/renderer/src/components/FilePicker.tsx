import { UploadIcon } from '@radix-ui/react-icons'
import { Button } from '@radix-ui/themes'
import { useRef, type ReactNode } from 'react'
import { useIntent, type Intent } from '../app/intents'

/** A button that opens the system's file dialog and hands over the chosen files. */
export function FilePicker({
  onFiles,
  children,
  size = '1',
  multiple = true,
  accept,
  inputLabel = 'Files to attach',
  variant = 'solid',
  openOn
}: {
  onFiles: (files: File[]) => void
  children?: ReactNode
  size?: '1' | '2'
  multiple?: boolean
  /** File types the dialog offers, such as ".pdf,.zip". */
  accept?: string
  inputLabel?: string
  variant?: 'solid' | 'soft'
  /** A request (from the command palette) that opens the file dialog. */
  openOn?: Intent
}) {
  const input = useRef<HTMLInputElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  useIntent(openOn, () => {
    button.current?.focus()
    input.current?.click()
  })
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple={multiple}
        accept={accept}
        hidden
        aria-label={inputLabel}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])]
          event.target.value = ''
          if (files.length) onFiles(files)
        }}
      />
      <Button ref={button} size={size} variant={variant} onClick={() => input.current?.click()}>
        <UploadIcon /> {children ?? 'Add evidence…'}
      </Button>
    </>
  )
}
