import { useMemo, useState } from 'react'
import { packInputOf } from '@shared/pack-definition'
import { packInputSchema } from '@shared/schemas'
import type { PackDefinition } from '@shared/types'
import { useCommand } from '../../api/queries'
import { FormFooter } from '../../components/FormFooter'
import { useToast } from '../../components/Toasts'
import { useShortcut } from '../../components/use-shortcut'
import { issuesText, PackFields, type PackFieldValues } from './PackFields'
import { changedFields } from '../../components/changed-fields'

/** The saved definition, edited in place and saved explicitly (Ctrl+S). */
export function PackDefinitionForm({ pack }: { pack: PackDefinition }) {
  const saved = useMemo(() => packInputOf(pack), [pack])
  const [value, setValue] = useState<PackFieldValues>(saved)
  const [error, setError] = useState<string | null>(null)
  // Discarding starts the fields afresh, including the scope choice they keep of their own.
  const [resets, setResets] = useState(0)
  const update = useCommand('packs:update')
  const toast = useToast()
  const patch = changedFields(saved, value)
  const dirty = Object.keys(patch).length > 0

  const save = (): void => {
    if (!dirty || update.isPending) return
    const parsed = packInputSchema.safeParse(value)
    if (!parsed.success) {
      setError(issuesText(parsed.error.issues))
      return
    }
    setError(null)
    update
      .mutateAsync({ id: pack.id, patch, expectedVersion: pack.version })
      .then(() => toast({ title: `${pack.id} saved`, tone: 'success' }))
      .catch((saveError: unknown) => setError((saveError as Error).message))
  }
  useShortcut('s', save)

  return (
    <form
      className="form"
      aria-label="Pack definition"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <PackFields key={resets} value={value} onChange={setValue} />
      <FormFooter
        dirty={dirty}
        saving={update.isPending}
        error={error}
        saved={`Saved · version ${pack.version}`}
        onDiscard={() => {
          setValue(saved)
          setError(null)
          setResets((count) => count + 1)
        }}
      />
    </form>
  )
}
