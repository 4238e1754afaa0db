import * as Toast from '@radix-ui/react-toast'
import { Button, Flex, Text } from '@radix-ui/themes'
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'

export interface ToastMessage {
  title: string
  description?: string
  tone?: 'success' | 'error' | 'info'
  action?: { label: string; onClick: () => void }
  /** How long it stays, in milliseconds (six seconds unless an offer needs longer to be read and taken). */
  duration?: number
}

interface ShownToast extends ToastMessage {
  id: number
}

const Context = createContext<(message: ToastMessage) => void>(() => undefined)

/** Short confirmations after a change, with Undo where a change can be reversed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ShownToast[]>([])
  const show = useCallback((message: ToastMessage) => {
    setToasts((current) => [...current.slice(-2), { ...message, id: Date.now() + Math.random() }])
  }, [])
  const dismiss = (id: number): void => setToasts((current) => current.filter((toast) => toast.id !== id))
  const value = useMemo(() => show, [show])

  return (
    <Context.Provider value={value}>
      <Toast.Provider swipeDirection="right" duration={6000}>
        {children}
        {toasts.map((toast) => (
          <Toast.Root
            key={toast.id}
            className="toast"
            data-tone={toast.tone ?? 'info'}
            type={toast.tone === 'error' ? 'foreground' : 'background'}
            {...(toast.duration ? { duration: toast.duration } : {})}
            onOpenChange={(open) => !open && dismiss(toast.id)}
          >
            <Flex direction="column" gap="1">
              <Toast.Title asChild>
                <Text size="2" weight="medium">
                  {toast.title}
                </Text>
              </Toast.Title>
              {toast.description && (
                <Toast.Description asChild>
                  <Text size="1" color="gray">
                    {toast.description}
                  </Text>
                </Toast.Description>
              )}
            </Flex>
            {toast.action && (
              <Toast.Action asChild altText={toast.action.label}>
                <Button size="1" variant="soft" onClick={toast.action.onClick}>
                  {toast.action.label}
                </Button>
              </Toast.Action>
            )}
          </Toast.Root>
        ))}
        <Toast.Viewport className="toast-viewport" />
      </Toast.Provider>
    </Context.Provider>
  )
}

export function useToast(): (message: ToastMessage) => void {
  return useContext(Context)
}
