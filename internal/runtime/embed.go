// Package runtime holds the gorsc browser runtime (TypeScript). The bundler
// in internal/bundle compiles it together with the app's client components
// and the app's own copy of React.
package runtime

import "embed"

// Files holds the runtime sources: bootstrap.tsx (the entry point) and the
// modules it imports as "gorsc:<name>".
//
//go:embed *.ts *.tsx
var Files embed.FS
