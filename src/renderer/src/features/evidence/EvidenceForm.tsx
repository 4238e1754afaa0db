import { CheckboxGroup, Flex, Select, Text, TextArea, TextField } from '@radix-ui/themes'
import { useMemo, useState } from 'react'
import { EVIDENCE_KINDS, EVIDENCE_KIND_LABELS, EVIDENCE_SOURCES, EVIDENCE_SOURCE_LABELS } from '@shared/domain'
import { evidencePatchSchema, type EvidencePatch } from '@shared/schemas'
import type { EvidenceDetail } from '@shared/types'
import { useAccounts, useCommand } from '../../api/queries'
import { Field } from '../../components/Field'
import { FormFooter } from '../../components/FormFooter'
import { useToast } from '../../components/Toasts'
import { useShortcut } from '../../components/use-shortcut'
import { changedFields } from '../../components/changed-fields'

type Form = Pick<
  EvidenceDetail,
  | 'title'
  | 'kind'
  | 'source'
  | 'sourceDetail'
  | 'effectiveDate'
  | 'periodStart'
  | 'periodEnd'
  | 'reviewBy'
  | 'notes'
  | 'accounts'
>

const formOf = (item: EvidenceDetail): Form => ({
  title: item.title,
  kind: item.kind,
  source: item.source,
  sourceDetail: item.sourceDetail,
  effectiveDate: item.effectiveDate,
  periodStart: item.periodStart,
  periodEnd: item.periodEnd,
  reviewBy: item.reviewBy,
  notes: item.notes,
  accounts: item.accounts
})

/** Which AWS accounts the evidence speaks for: none ticked means the whole organisation. */
function AccountsField({ value, onChange }: { value: string[]; onChange: (accounts: string[]) => void }) {
  const accounts = useAccounts()
  if (!accounts.data?.length) return null
  return (
    <Flex direction="column" gap="1" role="group" aria-labelledby="evidence-accounts-label">
      <Text id="evidence-accounts-label" size="1" weight="medium">
        AWS accounts
      </Text>
      <CheckboxGroup.Root size="1" value={value} onValueChange={(next) => onChange([...next].sort())}>
        <Flex gap="3" wrap="wrap">
          {accounts.data.map((account) => (
            <CheckboxGroup.Item key={account.accountId} value={account.accountId}>
              {account.name}
            </CheckboxGroup.Item>
          ))}
        </Flex>
      </CheckboxGroup.Root>
      <Text size="1" color="gray">
        {value.length === 0
          ? 'None ticked: it speaks for the whole organisation and goes into packs of any scope.'
          : 'Packs scoped to other accounts leave it out.'}
      </Text>
    </Flex>
  )
}

/** The evidence record's own fields: what it is, where from, which date and period it speaks for. */
export function EvidenceForm({ item }: { item: EvidenceDetail }) {
  const saved = useMemo(() => formOf(item), [item])
  const [form, setForm] = useState<Form>(saved)
  const [error, setError] = useState<string | null>(null)
  const update = useCommand('evidence:update')
  const toast = useToast()
  const patch = changedFields(saved, form) as EvidencePatch
  const dirty = Object.keys(patch).length > 0
  const set = <K extends keyof Form>(key: K, value: Form[K]): void =>
    setForm((current) => ({ ...current, [key]: value }))
  const date = (key: 'effectiveDate' | 'periodStart' | 'periodEnd' | 'reviewBy') => (id: string) => (
    <TextField.Root
      id={id}
      size="1"
      type="date"
      value={form[key] ?? ''}
      onChange={(event) => set(key, event.target.value || null)}
    />
  )

  const save = (): void => {
    if (!dirty || update.isPending) return
    const parsed = evidencePatchSchema.safeParse(patch)
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join(' '))
      return
    }
    setError(null)
    update
      .mutateAsync({ id: item.id, patch: parsed.data, expectedVersion: item.version })
      .then(() => toast({ title: `${item.id} saved`, tone: 'success' }))
      .catch((saveError: unknown) => setError((saveError as Error).message))
  }
  useShortcut('s', save)

  return (
    <form
      className="form"
      aria-label="Evidence details"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <Field label="Title">
        {(id) => <TextField.Root id={id} size="1" value={form.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Flex gap="3">
        <Field label="Kind">
          {(id) => (
            <Select.Root size="1" value={form.kind} onValueChange={(value) => set('kind', value as Form['kind'])}>
              <Select.Trigger id={id} aria-label="Kind" />
              <Select.Content position="popper">
                {EVIDENCE_KINDS.map((kind) => (
                  <Select.Item key={kind} value={kind}>
                    {EVIDENCE_KIND_LABELS[kind]}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
          )}
        </Field>
        <Field label="Source">
          {(id) => (
            <Select.Root size="1" value={form.source} onValueChange={(value) => set('source', value as Form['source'])}>
              <Select.Trigger id={id} aria-label="Source" />
              <Select.Content position="popper">
                {EVIDENCE_SOURCES.map((source) => (
                  <Select.Item key={source} value={source}>
                    {EVIDENCE_SOURCE_LABELS[source]}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select.Root>
          )}
        </Field>
      </Flex>
      <Field label="Source detail" hint="The AWS service, the issuer of a report, or the team it came from.">
        {(id) => (
          <TextField.Root
            id={id}
            size="1"
            value={form.sourceDetail}
            onChange={(e) => set('sourceDetail', e.target.value)}
          />
        )}
      </Field>
      <Flex gap="3">
        <Field label="Effective date">{date('effectiveDate')}</Field>
        <Field label="Review by">{date('reviewBy')}</Field>
      </Flex>
      <Flex gap="3">
        <Field label="Period start">{date('periodStart')}</Field>
        <Field label="Period end">{date('periodEnd')}</Field>
      </Flex>
      <AccountsField value={form.accounts} onChange={(accounts) => set('accounts', accounts)} />
      <Field label="Notes">
        {(id) => (
          <TextArea id={id} size="1" rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        )}
      </Field>
      <FormFooter
        dirty={dirty}
        saving={update.isPending}
        error={error}
        saved={`Saved · version ${item.version}`}
        onDiscard={() => setForm(saved)}
      />
    </form>
  )
}
