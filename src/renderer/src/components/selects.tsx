import { Select } from '@radix-ui/themes'
import {
  CONTROL_STATUSES,
  CONTROL_STATUS_LABELS,
  RESPONSIBILITIES,
  RESPONSIBILITY_LABELS,
  type ControlStatus,
  type Responsibility
} from '@shared/domain'

interface ChoiceProps<T extends string> {
  value: T
  onChange: (value: T) => void
  id?: string
  size?: '1' | '2'
}

function Choice<T extends string>({
  label,
  options,
  labels,
  value,
  onChange,
  id,
  size = '1'
}: ChoiceProps<T> & { label: string; options: readonly T[]; labels: Record<T, string> }) {
  return (
    <Select.Root size={size} value={value} onValueChange={(next) => onChange(next as T)}>
      <Select.Trigger id={id} aria-label={label} />
      <Select.Content position="popper">
        {options.map((option) => (
          <Select.Item key={option} value={option}>
            {labels[option]}
          </Select.Item>
        ))}
      </Select.Content>
    </Select.Root>
  )
}

export function StatusSelect(props: ChoiceProps<ControlStatus>) {
  return <Choice label="Status" options={CONTROL_STATUSES} labels={CONTROL_STATUS_LABELS} {...props} />
}

export function ResponsibilitySelect(props: ChoiceProps<Responsibility>) {
  return <Choice label="Responsibility" options={RESPONSIBILITIES} labels={RESPONSIBILITY_LABELS} {...props} />
}
