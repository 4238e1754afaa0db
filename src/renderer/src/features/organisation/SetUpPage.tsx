import { Button, Card, Flex, Heading, Text } from '@radix-ui/themes'
import { useState, type ReactNode } from 'react'
import { useLocation } from 'wouter'
import { useCommand, useOrganisation } from '../../api/queries'
import { PageHeader } from '../../components/PageHeader'
import { AccountsSection } from './AccountsSection'
import { OrganisationForm } from './OrganisationForm'
import { PeopleSection } from './PeopleSection'
import { UnitsSection } from './UnitsSection'
import { TrySampleButton } from '../registers/TrySampleButton'

const STEPS = ['Organisation', 'AWS accounts', 'People'] as const

/**
 * The first-run set-up: the organisation, its AWS accounts and the people who own controls.
 * Every step can be skipped; everything is editable later in Settings, where the set-up can be run again.
 */
export function SetUpPage() {
  const [step, setStep] = useState(0)
  const [, navigate] = useLocation()
  const organisation = useOrganisation()
  const update = useCommand('org:update')
  const finish = (): void => {
    const done = (): void => navigate('/dashboard')
    if (organisation.data?.setUpDone) return done()
    update.mutate({ setUpDone: true }, { onSuccess: done })
  }
  const last = step === STEPS.length - 1

  return (
    <div className="page">
      <PageHeader
        title="Set up your organisation"
        subtitle={`Step ${step + 1} of ${STEPS.length}: ${STEPS[step]}`}
        actions={
          <Button size="1" variant="soft" color="gray" onClick={finish} loading={update.isPending && !last}>
            Skip set-up
          </Button>
        }
      />
      <div className="page-scroll">
        <Flex direction="column" gap="3" style={{ maxWidth: 860 }}>
          <ol className="setup-steps" aria-label="Set-up steps">
            {STEPS.map((name, index) => (
              <li key={name} aria-current={index === step ? 'step' : undefined}>
                <button type="button" onClick={() => setStep(index)}>
                  <span className="setup-step-number">{index + 1}</span> {name}
                </button>
              </li>
            ))}
          </ol>
          {step === 0 && (
            <StepCard
              title="Your organisation"
              intro="Its name is on every pack's cover; the frameworks in scope are the ones it is audited against."
            >
              <OrganisationForm formId="setup-organisation" onSaved={() => setStep(1)} />
              {!organisation.data?.sample && (
                <Text as="p" size="1" color="gray" mt="3">
                  Just looking? <TrySampleButton variant="link" /> It opens in a register of its own and never touches
                  this one.
                </Text>
              )}
            </StepCard>
          )}
          {step === 1 && (
            <>
              <StepCard
                title="AWS accounts"
                intro="The accounts your systems run in. Packs are scoped to accounts or organizational units (a PCI DSS cardholder data environment is often one unit), and evidence is tagged with the accounts it speaks for."
              >
                <AccountsSection />
              </StepCard>
              <StepCard title="Organizational units">
                <UnitsSection />
              </StepCard>
            </>
          )}
          {step === 2 && (
            <StepCard
              title="People"
              intro="Who owns controls and prepares packs. Then choose who you are in the organisation step: your changes are recorded under your name."
            >
              <PeopleSection />
              <Flex mt="3">
                <Button size="1" variant="soft" onClick={() => setStep(0)}>
                  Choose who you are
                </Button>
              </Flex>
            </StepCard>
          )}
          <Flex gap="2" justify="end">
            {step > 0 && (
              <Button variant="soft" color="gray" onClick={() => setStep(step - 1)}>
                Back
              </Button>
            )}
            {last ? (
              <Button onClick={finish} loading={update.isPending}>
                Finish set-up
              </Button>
            ) : step === 0 ? (
              // Next saves what was typed in the organisation form first (nothing typed is lost).
              <Button type="submit" form="setup-organisation">
                Next: {STEPS[1]}
              </Button>
            ) : (
              <Button onClick={() => setStep(step + 1)}>Next: {STEPS[step + 1]}</Button>
            )}
          </Flex>
        </Flex>
      </div>
    </div>
  )
}

function StepCard({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Card>
      <Heading as="h2" size="3" mb="1">
        {title}
      </Heading>
      {intro && (
        <Text as="p" size="2" color="gray" mb="3">
          {intro}
        </Text>
      )}
      {children}
    </Card>
  )
}
