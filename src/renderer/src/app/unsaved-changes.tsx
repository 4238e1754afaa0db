import { AlertDialog, Button, Flex } from '@radix-ui/themes'
import { useEffect, useState } from 'react'
import { navigate as hashNavigate, useHashLocation } from 'wouter/use-hash-location'

/**
 * Edits are never lost silently: every form with unsaved changes says so here, and leaving it (another row, closing
 * its pane, another page) asks "Discard changes?" first.
 */

const dirtyForms = new Set<symbol>()

/** Marks the calling form as holding unsaved changes while `dirty` is true. */
export function useUnsavedChanges(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return
    const token = Symbol('unsaved form')
    dirtyForms.add(token)
    return () => {
      dirtyForms.delete(token)
    }
  }, [dirty])
}

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0
}

let ask: ((what: string) => Promise<boolean>) | null = null

/** Asks "Discard changes?" and resolves true when the user chooses to discard them. */
export function askToDiscard(what = 'Your edits have not been saved.'): Promise<boolean> {
  return ask ? ask(what) : Promise.resolve(window.confirm(`Discard changes? ${what}`))
}

/** Resolves true at once when nothing is unsaved; otherwise asks. */
export function confirmLeave(): Promise<boolean> {
  return hasUnsavedChanges() ? askToDiscard() : Promise.resolve(true)
}

/** Closes a dialog at once when nothing in it was typed; otherwise only when the user chooses to discard it. */
export function closeUnlessKept(dirty: boolean, close: () => void): void {
  if (!dirty) return close()
  void askToDiscard('What you typed in this dialog will be lost.').then((discard) => discard && close())
}

type Navigate = typeof hashNavigate

const guardedNavigate: Navigate = (to, options) => {
  if (!hasUnsavedChanges()) return hashNavigate(to, options)
  void askToDiscard().then((discard) => {
    if (discard) {
      dirtyForms.clear()
      hashNavigate(to, options)
    }
  })
}

/** The router's location hook: the hash location, with every in-app navigation passing the unsaved-changes check. */
export function useGuardedHashLocation(): [string, Navigate] {
  const [location] = useHashLocation()
  return [location, guardedNavigate]
}
/** The router's navigation, for a part of the window that does not show the location (and so need not follow it). */
export const useNavigate = (): Navigate => guardedNavigate

/** Links render as #/path, as with the plain hash location. */
useGuardedHashLocation.hrefs = (href: string): string => `#${href}`

/** The "Discard changes?" question, asked for the whole window; also guards plain links and closing the window. */
export function UnsavedChangesPrompt() {
  const [question, setQuestion] = useState<{ what: string; answer: (discard: boolean) => void } | null>(null)

  useEffect(() => {
    ask = (what) =>
      new Promise<boolean>((resolve) => {
        setQuestion({ what, answer: resolve })
      })
    // Plain links to a place in the app (#/…) go through the same check as the router's own links.
    const onClick = (event: MouseEvent): void => {
      if (!hasUnsavedChanges() || event.defaultPrevented || event.button !== 0) return
      const link = (event.target as Element | null)?.closest?.('a[href^="#/"]')
      if (!link) return
      event.preventDefault()
      guardedNavigate(link.getAttribute('href')!.slice(1))
    }
    const onUnload = (event: BeforeUnloadEvent): void => {
      if (hasUnsavedChanges()) event.preventDefault()
    }
    document.addEventListener('click', onClick, true)
    window.addEventListener('beforeunload', onUnload)
    return () => {
      ask = null
      document.removeEventListener('click', onClick, true)
      window.removeEventListener('beforeunload', onUnload)
    }
  }, [])

  const answer = (discard: boolean): void => {
    question?.answer(discard)
    setQuestion(null)
  }

  return (
    <AlertDialog.Root open={question !== null} onOpenChange={(open) => !open && answer(false)}>
      <AlertDialog.Content maxWidth="420px">
        <AlertDialog.Title>Discard changes?</AlertDialog.Title>
        <AlertDialog.Description size="2">{question?.what}</AlertDialog.Description>
        <Flex gap="2" mt="4" justify="end">
          <AlertDialog.Cancel>
            <Button variant="soft" color="gray">
              Keep editing
            </Button>
          </AlertDialog.Cancel>
          <AlertDialog.Action>
            <Button color="red" onClick={() => answer(true)}>
              Discard changes
            </Button>
          </AlertDialog.Action>
        </Flex>
      </AlertDialog.Content>
    </AlertDialog.Root>
  )
}
