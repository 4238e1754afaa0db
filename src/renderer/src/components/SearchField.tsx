import { MagnifyingGlassIcon } from '@radix-ui/react-icons'
import { TextField } from '@radix-ui/themes'
import type { Ref } from 'react'

/** A list's search box: the magnifier, a label for assistive technology, and Esc to clear it. */
export function SearchField({
  label,
  placeholder = label,
  value,
  onChange,
  id,
  ref,
  width = 240
}: {
  label: string
  placeholder?: string
  value: string
  onChange: (value: string) => void
  id?: string
  ref?: Ref<HTMLInputElement>
  width?: number
}) {
  return (
    <TextField.Root
      ref={ref}
      id={id}
      size="1"
      placeholder={placeholder}
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && value) {
          event.preventDefault()
          onChange('')
        }
      }}
      style={{ width }}
    >
      <TextField.Slot>
        <MagnifyingGlassIcon />
      </TextField.Slot>
    </TextField.Root>
  )
}
