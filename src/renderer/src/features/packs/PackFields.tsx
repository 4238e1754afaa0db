import { CheckboxGroup, Flex, RadioGroup, Text, TextArea, TextField } from '@radix-ui/themes'
import { useState, type ReactNode } from 'react'
import type { PackInput } from '@shared/schemas'
import { useFrameworkList } from '../../api/framework-names'
import { useAccounts } from '../../api/queries'
import { Field } from '../../components/Field'

/** What a pack definition is made of, as the forms edit it. */
export type PackFieldValues = PackInput

interface PackFieldsProps {
  value: PackFieldValues
  onChange: (value: PackFieldValues) => void
}

/** A labelled column of checkboxes: the organizational units or accounts a pack covers. */
function Choices(props: {
  label: string
  chosen: string[]
  options: { value: string; label: ReactNode }[]
  onChange: (chosen: string[]) => void
}) {
  return (
    <Flex direction="column" gap="1" role="group" aria-label={props.label}>
      <Text size="1" color="gray">
        {props.label}
      </Text>
      <CheckboxGroup.Root size="1" value={props.chosen} onValueChange={props.onChange}>
        {props.options.map((option) => (
          <CheckboxGroup.Item key={option.value} value={option.value}>
            {option.label}
          </CheckboxGroup.Item>
        ))}
      </CheckboxGroup.Root>
    </Flex>
  )
}

/**
 * The fields of a pack definition, shared by "New pack" and the Definition tab: name, frameworks,
 * scope (every account, or chosen accounts and organizational units), audit period and the people.
 */
export function PackFields({ value, onChange }: PackFieldsProps) {
  const frameworks = useFrameworkList()
  const accounts = useAccounts()
  const set = <K extends keyof PackFieldValues>(key: K, next: PackFieldValues[K]): void =>
    onChange({ ...value, [key]: next })
  const [chosenScope, setChosenScope] = useState(
    value.scope.accounts.length > 0 || value.scope.organizationalUnits.length > 0
  )
  const nothingChosen = value.scope.accounts.length === 0 && value.scope.organizationalUnits.length === 0
  const units = [...new Set((accounts.data ?? []).map((account) => account.organizationalUnit))].filter(Boolean).sort()
  const text = (key: 'name' | 'organisation' | 'auditor' | 'preparer', placeholder?: string) => (id: string) => (
    <TextField.Root
      id={id}
      size="1"
      value={value[key]}
      placeholder={placeholder}
      onChange={(event) => set(key, event.target.value)}
    />
  )

  return (
    <>
      <Field label="Name">{text('name', 'PCI DSS assessment 2026')}</Field>
      <Flex direction="column" gap="1" role="group" aria-labelledby="pack-frameworks-label">
        <Text id="pack-frameworks-label" size="1" weight="medium">
          Frameworks
        </Text>
        <CheckboxGroup.Root
          size="1"
          value={value.frameworks}
          onValueChange={(next) =>
            set(
              'frameworks',
              frameworks.map((framework) => framework.id).filter((id) => next.includes(id))
            )
          }
        >
          {frameworks.map((framework) => (
            <CheckboxGroup.Item key={framework.id} value={framework.id}>
              {`${framework.name} ${framework.version}`}
            </CheckboxGroup.Item>
          ))}
        </CheckboxGroup.Root>
      </Flex>
      <Flex direction="column" gap="1" role="group" aria-labelledby="pack-scope-label">
        <Text id="pack-scope-label" size="1" weight="medium">
          Scope
        </Text>
        <RadioGroup.Root
          size="1"
          value={chosenScope ? 'chosen' : 'all'}
          onValueChange={(next) => {
            setChosenScope(next === 'chosen')
            if (next === 'all') set('scope', { accounts: [], organizationalUnits: [] })
          }}
        >
          <RadioGroup.Item value="all">All AWS accounts</RadioGroup.Item>
          <RadioGroup.Item value="chosen" disabled={(accounts.data ?? []).length === 0}>
            Chosen accounts and organizational units
          </RadioGroup.Item>
        </RadioGroup.Root>
        {(accounts.data ?? []).length === 0 && (
          <Text size="1" color="gray">
            No AWS accounts are recorded yet: the pack covers all evidence, whatever account it comes from.
          </Text>
        )}
        {chosenScope && nothingChosen && (
          <Text size="1" color="amber" className="scope-choice">
            Tick the accounts or organizational units in scope; until you do, the pack covers all accounts.
          </Text>
        )}
        {chosenScope && (
          <Flex gap="4" mt="1" className="scope-choice">
            <Choices
              label="Organizational units"
              chosen={value.scope.organizationalUnits}
              options={units.map((unit) => ({ value: unit, label: unit }))}
              onChange={(next) => set('scope', { ...value.scope, organizationalUnits: next })}
            />
            <Choices
              label="AWS accounts"
              chosen={value.scope.accounts}
              options={(accounts.data ?? []).map((account) => ({
                value: account.accountId,
                label: (
                  <>
                    {account.name}{' '}
                    <Text color="gray" className="mono">
                      {account.accountId}
                    </Text>
                  </>
                )
              }))}
              onChange={(next) => set('scope', { ...value.scope, accounts: next })}
            />
          </Flex>
        )}
      </Flex>
      <Flex gap="3">
        <Field label="Audit period start">
          {(id) => (
            <TextField.Root
              id={id}
              size="1"
              type="date"
              value={value.periodStart}
              onChange={(event) => set('periodStart', event.target.value)}
            />
          )}
        </Field>
        <Field label="Audit period end">
          {(id) => (
            <TextField.Root
              id={id}
              size="1"
              type="date"
              value={value.periodEnd}
              onChange={(event) => set('periodEnd', event.target.value)}
            />
          )}
        </Field>
      </Flex>
      <Field label="Scope statement">
        {(id) => (
          <TextArea
            id={id}
            size="1"
            rows={3}
            value={value.scopeStatement ?? ''}
            placeholder="What is in scope, in your words: the cardholder data environment for PCI DSS, where ePHI lives for HIPAA, the processing covered for GDPR."
            onChange={(event) => set('scopeStatement', event.target.value)}
          />
        )}
      </Field>
      <Field label="Organisation">{text('organisation')}</Field>
      <Flex gap="3">
        <Field label="Auditor">{text('auditor', 'Example QSA LLC')}</Field>
        <Field label="Prepared by">{text('preparer')}</Field>
      </Flex>
    </>
  )
}

/** Zod's messages for a form: one sentence per problem. */
export function issuesText(issues: { message: string }[]): string {
  return [...new Set(issues.map((issue) => issue.message))].join(' ')
}
