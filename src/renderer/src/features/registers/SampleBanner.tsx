import { Button, Flex, Text } from '@radix-ui/themes'
import { useCommand, useAppInfo, useRegisters } from '../../api/queries'
import { useToast } from '../../components/Toasts'

/**
 * Shown on every page while the sample organisation's register is open, so nobody mistakes it for
 * their own; one click goes back to the register used before it.
 */
export function SampleBanner() {
  const info = useAppInfo()
  const registers = useRegisters()
  const switchTo = useCommand('registers:switch')
  const toast = useToast()
  if (!info.data?.hasSampleOrganisation) return null
  const back = registers.data?.recent.find((entry) => !entry.current && !entry.sample && entry.exists)
  return (
    <Flex className="sample-banner" role="region" aria-label="Sample organisation" align="center" gap="3" px="3" py="1">
      <Text size="2" weight="medium">
        Sample organisation
      </Text>
      <Text size="1" className="sample-banner-text">
        You are looking at {info.data.organisationName ?? 'the sample'}, a made-up company in a register of its own.
        Nothing you do here touches your register.
      </Text>
      {back && (
        <Button
          size="1"
          variant="solid"
          color="gray"
          highContrast
          loading={switchTo.isPending}
          onClick={() =>
            switchTo.mutate(
              { dataDir: back.dataDir },
              {
                onError: (error) => toast({ title: 'Could not switch back', description: error.message, tone: 'error' })
              }
            )
          }
        >
          Back to {back.organisation ?? back.name}
        </Button>
      )}
    </Flex>
  )
}
