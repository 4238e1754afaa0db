import { Button, Card, Flex, Heading, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import { auditPeriodSchema } from '@shared/schemas'
import { useCommand, useSettings } from '../../api/queries'
import { issuesText } from '../packs/PackFields'

/**
 * The audit period the dashboard, the frameworks and the command line judge results for: the
 * twelve months ending today unless the register sets one (a pack always has its own).
 */
export function AuditPeriodSetting() {
  const settings = useSettings()
  const update = useCommand('settings:update')
  const [draft, setDraft] = useState<{ start: string; end: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (!settings.data) return null
  const period = draft ?? settings.data.auditPeriod
  const save = (): void => {
    const parsed = auditPeriodSchema.safeParse(period)
    if (!parsed.success) {
      setError(issuesText(parsed.error.issues))
      return
    }
    setError(null)
    update.mutate({ auditPeriod: parsed.data }, { onSuccess: () => setDraft(null) })
  }
  return (
    <Card>
      <Heading as="h2" size="3" mb="1">
        Audit period
      </Heading>
      <Text as="p" size="2" color="gray" mb="2">
        Results on the dashboard and the Frameworks page, and on the command line, are judged for this period.{' '}
        {settings.data.auditPeriodSet
          ? 'It is set for this register.'
          : 'It follows today: the twelve months ending today.'}{' '}
        Each pack has a period of its own.
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          save()
        }}
      >
        <Flex gap="2" align="center" wrap="wrap">
          <TextField.Root
            size="1"
            type="date"
            aria-label="Start of the audit period"
            value={period.start}
            onChange={(event) => setDraft({ ...period, start: event.target.value })}
          />
          <Text size="2">to</Text>
          <TextField.Root
            size="1"
            type="date"
            aria-label="End of the audit period"
            value={period.end}
            onChange={(event) => setDraft({ ...period, end: event.target.value })}
          />
          <Button size="1" type="submit" disabled={draft === null} loading={update.isPending}>
            Save
          </Button>
          {settings.data.auditPeriodSet && (
            <Button
              size="1"
              type="button"
              variant="soft"
              color="gray"
              onClick={() => update.mutate({ auditPeriod: null }, { onSuccess: () => setDraft(null) })}
            >
              Follow today
            </Button>
          )}
        </Flex>
        {error && (
          <Text as="p" size="1" color="red" mt="1" role="alert">
            {error}
          </Text>
        )}
      </form>
    </Card>
  )
}
