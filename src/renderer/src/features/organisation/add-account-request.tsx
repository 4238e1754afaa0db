import { createContext, useContext, useMemo, useState, type ReactNode } from 'react'
import { AccountDialog } from './AccountDialog'

const Context = createContext<(accountId: string) => void>(() => undefined)

/** Lets any view (an import that named an unknown account) offer "Add account" with the id filled in. */
export function AddAccountRequestProvider({ children }: { children: ReactNode }) {
  const [accountId, setAccountId] = useState<string | null>(null)
  const request = useMemo(() => (id: string) => setAccountId(id), [])
  return (
    <Context.Provider value={request}>
      {children}
      {accountId && (
        <AccountDialog
          key={accountId}
          initialId={accountId}
          open
          onOpenChange={(open) => {
            if (!open) setAccountId(null)
          }}
        />
      )}
    </Context.Provider>
  )
}

export function useRequestAccount(): (accountId: string) => void {
  return useContext(Context)
}
