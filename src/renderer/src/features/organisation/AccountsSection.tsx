import { Badge, Button, Code, Flex, Table, Text } from '@radix-ui/themes'
import { PlusIcon, UploadIcon } from '@radix-ui/react-icons'
import { useAccounts, useCommand } from '../../api/queries'
import { useToast } from '../../components/Toasts'
import { AccountDialog } from './AccountDialog'
import { ImportAccountsDialog } from './ImportAccountsDialog'

/** The organisation's AWS accounts: add, edit, import, retire (kept for the evidence and packs that name them). */
export function AccountsSection() {
  const accounts = useAccounts()
  const update = useCommand('accounts:update')
  const toast = useToast()
  const list = accounts.data ?? []

  const setRetired = (accountId: string, name: string, retired: boolean): void =>
    update.mutate(
      { accountId, patch: { retired } },
      {
        onSuccess: () => toast({ title: retired ? `Retired ${name}` : `Reinstated ${name}`, tone: 'success' }),
        onError: (error) => toast({ title: 'Not changed', description: error.message, tone: 'error' })
      }
    )

  return (
    <Flex direction="column" gap="2">
      <Flex gap="2">
        <AccountDialog
          trigger={
            <Button size="1">
              <PlusIcon /> Add account
            </Button>
          }
        />
        <ImportAccountsDialog
          trigger={
            <Button size="1" variant="soft">
              <UploadIcon /> Import from AWS Organizations…
            </Button>
          }
        />
      </Flex>
      {list.length === 0 ? (
        <Text size="2" color="gray">
          No AWS accounts recorded yet. Packs are scoped to accounts and evidence is tagged with them.
        </Text>
      ) : (
        <Table.Root size="1" variant="surface" className="org-table">
          <caption className="visually-hidden">AWS accounts</caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Name</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell className="nowrap">Account id</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Environment</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Organizational unit</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Purpose</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>
                <span className="visually-hidden">Actions</span>
              </Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {list.map((account) => (
              <Table.Row key={account.accountId} className={account.retired ? 'retired-row' : undefined}>
                <Table.RowHeaderCell>
                  <Flex gap="2" align="center">
                    {account.name}
                    {account.retired && (
                      <Badge size="1" color="gray">
                        Retired
                      </Badge>
                    )}
                  </Flex>
                </Table.RowHeaderCell>
                <Table.Cell className="nowrap">
                  <Code size="1" variant="ghost">
                    {account.accountId}
                  </Code>
                </Table.Cell>
                <Table.Cell>{account.environment}</Table.Cell>
                <Table.Cell>{account.organizationalUnit}</Table.Cell>
                <Table.Cell>{account.purpose}</Table.Cell>
                <Table.Cell>
                  <Flex gap="1" justify="end">
                    <AccountDialog
                      account={account}
                      trigger={
                        <Button size="1" variant="ghost" aria-label={`Edit ${account.name}`}>
                          Edit
                        </Button>
                      }
                    />
                    <Button
                      size="1"
                      variant="ghost"
                      color={account.retired ? undefined : 'gray'}
                      aria-label={`${account.retired ? 'Reinstate' : 'Retire'} ${account.name}`}
                      onClick={() => setRetired(account.accountId, account.name, !account.retired)}
                    >
                      {account.retired ? 'Reinstate' : 'Retire'}
                    </Button>
                  </Flex>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
      {list.length > 0 && (
        <Text size="1" color="gray">
          A retired account stays on record, so the evidence and packs that name it keep naming it; it is no longer
          offered for new evidence or packs.
        </Text>
      )}
    </Flex>
  )
}
