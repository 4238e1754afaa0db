import { Button, Link } from '@radix-ui/themes'
import { useLocation } from 'wouter'
import { useCommand } from '../../api/queries'
import { useToast } from '../../components/Toasts'

/** Opens the sample organisation in a register of its own (made the first time); the user's register is not touched. */
export function TrySampleButton({ variant = 'button' }: { variant?: 'button' | 'link' }) {
  const trySample = useCommand('registers:trySample')
  const toast = useToast()
  const [, navigate] = useLocation()
  // Followed by its promise: the button itself may be gone once the sample is open (the set-up offers it only
  // outside the sample), and mutate's own callbacks would then never run.
  const run = (): void =>
    void trySample.mutateAsync(undefined).then(
      () => navigate('/dashboard'),
      (error: Error) => toast({ title: 'The sample could not be opened', description: error.message, tone: 'error' })
    )
  if (variant === 'link')
    return (
      <Link asChild>
        <button type="button" className="link-button" onClick={run} disabled={trySample.isPending}>
          {trySample.isPending ? 'Opening the sample organisation…' : 'Try the sample organisation.'}
        </button>
      </Link>
    )
  return (
    <Button size="1" variant="soft" onClick={run} loading={trySample.isPending}>
      Try the sample organisation
    </Button>
  )
}
