import { Select } from '@radix-ui/themes'
import { memo, useState } from 'react'

const ALL = 'all'

interface FilterSelectProps {
  label: string
  value: string | undefined
  allLabel: string
  options: { value: string; label: string }[]
  onChange: (value: string | undefined) => void
}

/**
 * A filter chip of a list: "All …" or one value; highlighted while it filters.
 *
 * The trigger shows the chosen label itself; the list's items are made when the filter is first reached (focus, or
 * opening it), not with the page. A closed select still builds every item (to show the chosen one and to pick by
 * typing on the trigger), over several renders, which held the page's first frame. Props that are the same leave it
 * as it is, so the toolbar around it can change without it.
 */
export const FilterSelect = memo(function FilterSelect({
  label,
  value,
  allLabel,
  options,
  onChange
}: FilterSelectProps) {
  const [reached, setReached] = useState(false)
  const shown = value === undefined ? allLabel : options.find((option) => option.value === value)?.label
  return (
    <Select.Root
      size="1"
      value={value ?? ALL}
      onValueChange={(next) => onChange(next === ALL ? undefined : next)}
      onOpenChange={() => setReached(true)}
    >
      <Select.Trigger aria-label={label} variant={value ? 'soft' : 'surface'} onFocus={() => setReached(true)}>
        {shown}
      </Select.Trigger>
      {reached && (
        <Select.Content position="popper">
          <Select.Item value={ALL}>{allLabel}</Select.Item>
          <Select.Separator />
          {options.map((option) => (
            <Select.Item key={option.value} value={option.value}>
              {option.label}
            </Select.Item>
          ))}
        </Select.Content>
      )}
    </Select.Root>
  )
})

/** Options from a vocabulary and its labels. */
export function optionsOf<T extends string>(
  values: readonly T[],
  labels: Record<T, string>
): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }))
}
