package bundle

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gorsc/gorsc/internal/runtime"
)

// ClientAPIModule is the import path of gorsc's client API for "use
// client" modules (useRouter, usePathname, Link, …); the bundler resolves
// it to the runtime's client.ts.
const ClientAPIModule = "gorsc/client"

// ClientTypesFile is the file, in the app directory, that declares
// ClientAPIModule's types for TypeScript (as Next's next-env.d.ts).
const ClientTypesFile = "gorsc-env.d.ts"

// ClientTypes returns the TypeScript declarations of ClientAPIModule.
func ClientTypes() []byte {
	b, err := fs.ReadFile(runtime.Files, "client.d.ts")
	if err != nil {
		panic("gorsc: the runtime lacks client.d.ts")
	}
	return b
}

// WriteClientTypes writes ClientTypesFile into the app directory dir,
// unless it already holds these declarations. It reports whether it wrote.
func WriteClientTypes(dir string) (bool, error) {
	p := filepath.Join(dir, ClientTypesFile)
	want := ClientTypes()
	if have, err := os.ReadFile(p); err == nil && bytes.Equal(have, want) {
		return false, nil
	}
	return true, os.WriteFile(p, want, 0o644)
}
