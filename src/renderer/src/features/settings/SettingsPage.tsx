import { Button, Card, Code, DataList, Flex, Heading, SegmentedControl, Text, TextField } from '@radix-ui/themes'
import { useState } from 'react'
import { useAccounts, useAppInfo, useBackupStatus, useCommand, useSettings } from '../../api/queries'
import { setThemePreference, useAppearance, type ThemePreference } from '../../app/theme'
import { PageHeader } from '../../components/PageHeader'
import { ErrorCallout, Loading } from '../../components/states'
import { AuditPeriodSetting } from './AuditPeriodSetting'
import { formatMoment } from '../../components/dates'

function FreshnessSetting() {
  const settings = useSettings()
  const update = useCommand('settings:update')
  const [days, setDays] = useState<string | null>(null)
  const value = days ?? String(settings.data?.expiringDays ?? '')
  const parsed = Number(value)
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 365
  return (
    <Card>
      <Heading as="h2" size="3" mb="1">
        Evidence freshness
      </Heading>
      <Text as="p" size="2" color="gray" mb="2">
        Evidence counts as expiring this many days before its review-by date, and as expired after it.
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (valid) update.mutate({ expiringDays: parsed }, { onSuccess: () => setDays(null) })
        }}
      >
        <Flex gap="2" align="center">
          <TextField.Root
            size="1"
            type="number"
            min={1}
            max={365}
            aria-label="Days before the review-by date"
            value={value}
            onChange={(event) => setDays(event.target.value)}
            style={{ width: 90 }}
          />
          <Text size="2">days</Text>
          <Button size="1" type="submit" disabled={!valid || days === null} loading={update.isPending}>
            Save
          </Button>
          {!valid && (
            <Text size="1" color="red">
              Enter a whole number from 1 to 365.
            </Text>
          )}
        </Flex>
      </form>
    </Card>
  )
}

function BackupCard() {
  const status = useBackupStatus()
  const last = status.data?.last
  return (
    <Card>
      <Heading as="h2" size="3" mb="1">
        Backups
      </Heading>
      <Text as="p" size="2" color="gray" mb="2">
        While the app runs it backs up the register, its keys and its vault once a day, keeping the last{' '}
        {status.data?.automaticKeep ?? 7}. Make one elsewhere with evidence-desk backup create --out DIR.
      </Text>
      <DataList.Root size="1">
        <DataList.Item>
          <DataList.Label>Last backup</DataList.Label>
          <DataList.Value>
            {last ? (
              <Flex direction="column">
                <Text size="1">
                  {formatMoment(last.createdAt)} · {last.automatic ? 'automatic' : 'by hand'} · {last.objects} vault
                  files
                </Text>
                <Code size="1">{last.path}</Code>
              </Flex>
            ) : (
              'No backup yet'
            )}
          </DataList.Value>
        </DataList.Item>
      </DataList.Root>
    </Card>
  )
}

export function SettingsPage() {
  const info = useAppInfo()
  const accounts = useAccounts()
  const { preference } = useAppearance()
  const loadSample = useCommand('app:loadSample')

  return (
    <div className="page">
      <PageHeader title="Settings" />
      <div className="page-scroll settings">
        {info.isPending ? (
          <Loading />
        ) : info.isError ? (
          <ErrorCallout error={info.error} />
        ) : (
          <Flex direction="column" gap="3" style={{ maxWidth: 760 }}>
            <Card>
              <Heading as="h2" size="3" mb="2">
                Register
              </Heading>
              <DataList.Root size="1">
                <DataList.Item>
                  <DataList.Label>Name</DataList.Label>
                  <DataList.Value>{info.data.registerName}</DataList.Value>
                </DataList.Item>
                <DataList.Item>
                  <DataList.Label>Organisation</DataList.Label>
                  <DataList.Value>{info.data.organisationName ?? 'Not set'}</DataList.Value>
                </DataList.Item>
                <DataList.Item>
                  <DataList.Label>Data folder</DataList.Label>
                  <DataList.Value>
                    <Code size="1">{info.data.dataDir}</Code>
                  </DataList.Value>
                </DataList.Item>
                <DataList.Item>
                  <DataList.Label>Register file</DataList.Label>
                  <DataList.Value>
                    <Code size="1">{info.data.registerPath}</Code>
                  </DataList.Value>
                </DataList.Item>
                <DataList.Item>
                  <DataList.Label>Recorded as</DataList.Label>
                  <DataList.Value>{info.data.actor}</DataList.Value>
                </DataList.Item>
                <DataList.Item>
                  <DataList.Label>Contents</DataList.Label>
                  <DataList.Value>
                    {info.data.counts.controls} controls · {info.data.counts.requirements} requirements ·{' '}
                    {info.data.counts.auditEntries} audit entries · schema {info.data.schemaVersion}
                  </DataList.Value>
                </DataList.Item>
              </DataList.Root>
              <Text as="p" size="1" color="gray" mt="2">
                To work on another register, start Evidence Desk with --data-dir pointing at another folder.
              </Text>
            </Card>
            <Card>
              <Heading as="h2" size="3" mb="2">
                AWS accounts
              </Heading>
              {accounts.data && accounts.data.length > 0 ? (
                <DataList.Root size="1">
                  {accounts.data.map((account) => (
                    <DataList.Item key={account.accountId}>
                      <DataList.Label>{account.name}</DataList.Label>
                      <DataList.Value>
                        <Flex direction="column">
                          <Text size="1">
                            <Code size="1">{account.accountId}</Code> · {account.organizationalUnit}
                          </Text>
                          <Text size="1" color="gray">
                            {account.purpose}
                          </Text>
                        </Flex>
                      </DataList.Value>
                    </DataList.Item>
                  ))}
                </DataList.Root>
              ) : (
                <Text size="2" color="gray">
                  No AWS accounts recorded yet.
                </Text>
              )}
            </Card>
            {!info.data.hasSampleOrganisation && (
              <Card>
                <Heading as="h2" size="3" mb="1">
                  Sample organisation
                </Heading>
                <Text as="p" size="2" color="gray" mb="2">
                  Fills this register with a coffee-shop chain on AWS: owners, statuses and three AWS accounts. Every
                  change is recorded in the audit log. Use a separate data folder for your real register.
                </Text>
                <Button size="1" onClick={() => loadSample.mutate(undefined)} loading={loadSample.isPending}>
                  Load sample organisation
                </Button>
              </Card>
            )}
            <AuditPeriodSetting />
            <FreshnessSetting />
            <BackupCard />
            <Card>
              <Heading as="h2" size="3" mb="2">
                Appearance
              </Heading>
              <SegmentedControl.Root
                size="1"
                value={preference}
                onValueChange={(value) => setThemePreference(value as ThemePreference)}
                aria-label="Theme"
              >
                <SegmentedControl.Item value="system">Follow the system</SegmentedControl.Item>
                <SegmentedControl.Item value="light">Light</SegmentedControl.Item>
                <SegmentedControl.Item value="dark">Dark</SegmentedControl.Item>
              </SegmentedControl.Root>
            </Card>
          </Flex>
        )}
      </div>
    </div>
  )
}
