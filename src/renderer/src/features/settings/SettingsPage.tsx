import { Button, Card, Code, DataList, Flex, Heading, SegmentedControl, Text, TextField } from '@radix-ui/themes'
import { useState, type ReactNode } from 'react'
import { Link } from 'wouter'
import { useAppInfo, useBackupStatus, useCommand, useSettings } from '../../api/queries'
import { setThemePreference, useAppearance, type ThemePreference } from '../../app/theme'
import { PageHeader } from '../../components/PageHeader'
import { ErrorCallout, Loading } from '../../components/states'
import { AuditPeriodSetting } from './AuditPeriodSetting'
import { SigningKeysCard } from './SigningKeysCard'
import { AccountsSection } from '../organisation/AccountsSection'
import { OrganisationForm } from '../organisation/OrganisationForm'
import { PeopleSection } from '../organisation/PeopleSection'
import { UnitsSection } from '../organisation/UnitsSection'
import { RegistersSection } from '../registers/RegistersSection'
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
  const { preference } = useAppearance()

  return (
    <div className="page">
      <PageHeader
        title="Settings"
        actions={
          <Button size="1" variant="soft" asChild>
            <Link href="/setup">Run the set-up again</Link>
          </Button>
        }
      />
      <div className="page-scroll settings">
        {info.isPending ? (
          <Loading />
        ) : info.isError ? (
          <ErrorCallout error={info.error} />
        ) : (
          <Flex direction="column" gap="3" style={{ maxWidth: 960 }}>
            <SettingsCard title="Organisation" id="organisation">
              <OrganisationForm />
            </SettingsCard>
            <SettingsCard title="AWS accounts" id="accounts">
              <AccountsSection />
            </SettingsCard>
            <SettingsCard title="Organizational units" id="units">
              <UnitsSection />
            </SettingsCard>
            <SettingsCard title="People" id="people">
              <PeopleSection />
            </SettingsCard>
            <SettingsCard title="Registers" id="registers">
              <RegistersSection desktop={info.data.hasFolderDialog} />
            </SettingsCard>
            <Card>
              <Heading as="h2" size="3" mb="2">
                This register
              </Heading>
              <DataList.Root size="1">
                <DataList.Item>
                  <DataList.Label>Name</DataList.Label>
                  <DataList.Value>{info.data.registerName}</DataList.Value>
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
            </Card>
            <AuditPeriodSetting />
            <FreshnessSetting />
            <BackupCard />
            <SigningKeysCard />
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

function SettingsCard({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card id={id}>
      <Heading as="h2" size="3" mb="2">
        {title}
      </Heading>
      {children}
    </Card>
  )
}
