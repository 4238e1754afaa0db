import { Select } from '@radix-ui/themes'

const ALL = 'all'

interface FilterSelectProps {
  label: string
  value: string | undefined
  allLabel: string
  options: { value: string; label: string }[]
  onChange: (value: string | undefined) => void
}

/** A filter chip of a list: "All …" or one value; highlighted while it filters. */
export function FilterSelect({ label, value, allLabel, options, onChange }: FilterSelectProps) {
  return (
    <Select.Root size="1" value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? undefined : next)}>
      <Select.Trigger aria-label={label} variant={value ? 'soft' : 'surface'} />
      <Select.Content position="popper">
        <Select.Item value={ALL}>{allLabel}</Select.Item>
        <Select.Separator />
        {options.map((option) => (
          <Select.Item key={option.value} value={option.value}>
            {option.label}
          </Select.Item>
        ))}
      </Select.Content>
    </Select.Root>
  )
}

/** Options from a vocabulary and its labels. */
export function optionsOf<T extends string>(
  values: readonly T[],
  labels: Record<T, string>
): { value: T; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }))
}
