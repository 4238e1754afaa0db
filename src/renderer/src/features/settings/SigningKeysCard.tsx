import { LockClosedIcon, PlusIcon } from '@radix-ui/react-icons'
import { Badge, Button, Card, Code, Flex, Heading, Table, Text } from '@radix-ui/themes'
import { formatFingerprint } from '@shared/fingerprint'
import { safeText } from '@shared/safe-text'
import { useKnownKeys } from '../../api/queries'
import { ErrorCallout, Loading } from '../../components/states'
import { TrustKeyDialog } from './TrustKeyDialog'

/** The keys this register knows: the ones it signs packs with, and preparers' keys the user trusts. */
export function SigningKeysCard() {
  const keys = useKnownKeys()
  return (
    <Card role="region" aria-labelledby="signing-keys-heading">
      <Flex justify="between" align="center" mb="1">
        <Heading as="h2" size="3" id="signing-keys-heading">
          Signing keys
        </Heading>
        <TrustKeyDialog
          trigger={
            <Button size="1" variant="soft">
              <PlusIcon /> Trust a key…
            </Button>
          }
        />
      </Flex>
      <Text as="p" size="2" color="gray" mb="2">
        Packs this register exports are signed with its own key. When you verify a pack, its signer is named as this
        installation, a trusted key, or a key this register does not know.
      </Text>
      {keys.isPending ? (
        <Loading />
      ) : keys.isError ? (
        <ErrorCallout error={keys.error} />
      ) : keys.data.length === 0 ? (
        <Text size="2" color="gray">
          No keys yet: the first pack you export creates this register&rsquo;s key.
        </Text>
      ) : (
        <Table.Root size="1" variant="surface">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeaderCell>Fingerprint</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Trust</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Whose</Table.ColumnHeaderCell>
              <Table.ColumnHeaderCell>Added</Table.ColumnHeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {keys.data.map((key) => (
              <Table.Row key={key.fingerprint}>
                <Table.Cell>
                  <Code size="1">{formatFingerprint(key.fingerprint)}</Code>
                </Table.Cell>
                <Table.Cell>
                  {key.trust === 'own' ? (
                    <Badge color="green">
                      <LockClosedIcon /> This register
                    </Badge>
                  ) : (
                    <Badge color="blue">Trusted</Badge>
                  )}
                </Table.Cell>
                <Table.Cell>{key.label ? safeText(key.label) : '—'}</Table.Cell>
                <Table.Cell>
                  {key.addedAt.slice(0, 10)} · {safeText(key.addedBy)}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </Card>
  )
}
