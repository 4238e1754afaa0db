import { z } from 'zod'

// Validation without code generation: the CSP forbids eval, so zod must not even probe for it.
// Imported first by main.tsx, before any schema is built.
z.config({ jitless: true })
