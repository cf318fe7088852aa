package runtime

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

// TestClientDeclarationsMatch type-checks the whole runtime with tsc and
// checks that client.d.ts (what apps see as "gorsc/client") declares
// exactly what client.ts exports, with the same types, in both directions.
func TestClientDeclarationsMatch(t *testing.T) {
	dir := t.TempDir()
	err := fs.WalkDir(Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := fs.ReadFile(Files, p)
		name := p
		if p == "client.d.ts" {
			name = "gorsc-env.d.ts" // as gorsc types writes it into an app
		}
		return os.WriteFile(filepath.Join(dir, name), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		// react-server-dom-webpack ships no types: the calls the runtime makes.
		"shims.d.ts": `declare module "react-server-dom-webpack/client.browser" {
  export function createFromFetch<T>(res: Promise<Response>, opts?: unknown): Promise<T>;
  export function createFromReadableStream<T>(s: ReadableStream<Uint8Array>, opts?: unknown): Promise<T>;
  export function createTemporaryReferenceSet(): unknown;
  export function encodeReply(v: unknown, opts?: unknown): Promise<string | FormData>;
}
`,
		"check.ts": `import * as decl from "gorsc/client";
import * as impl from "gorsc:client.ts";
export const declared: { [K in keyof typeof decl]: (typeof decl)[K] } = impl;
export const implemented: { [K in keyof typeof impl]: (typeof impl)[K] } = decl;
`,
		"tsconfig.json": `{
  "compilerOptions": {
    "target": "ES2022", "lib": ["DOM", "DOM.Iterable", "ES2022"], "module": "ESNext", "moduleResolution": "Bundler",
    "jsx": "react-jsx", "strict": true, "noEmit": true, "skipLibCheck": true, "allowImportingTsExtensions": true,
    "paths": { "gorsc:*": ["./*"] }
  },
  "include": ["*.ts", "*.tsx"]
}
`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mods := filepath.Join(testenv.RepoRoot(), "examples/notes/node_modules")
	if err := os.Symlink(mods, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	out, ok := testenv.TSC(t, "examples/notes", dir)
	if !ok {
		t.Fatalf("tsc:\n%s", strings.TrimSpace(out))
	}
}
