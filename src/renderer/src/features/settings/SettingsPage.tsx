import { Button, Card, Code, DataList, Flex, Heading, SegmentedControl, Text } from '@radix-ui/themes'
import { useAccounts, useAppInfo, useCommand } from '../../api/queries'
import { setThemePreference, useAppearance, type ThemePreference } from '../../app/theme'
import { PageHeader } from '../../components/PageHeader'
import { ErrorCallout, Loading } from '../../components/states'

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
