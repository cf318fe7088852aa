package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/typegen"
)

// TestTypeScript: the generated props types and gorsc-env.d.ts are up to
// date with the Go code (gorsc types writes them), and tsc --noEmit
// passes on the app's TSX.
func TestTypeScript(t *testing.T) {
	testenv.NodeModules(t, "examples/notes")
	r, err := typegen.Generate(typegen.Options{Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range r.Files {
		if have, err := os.ReadFile(name); err != nil || !bytes.Equal(have, body) {
			t.Errorf("%s is stale: run go run ../../cmd/gorsc types", name)
		}
	}
	if have, err := os.ReadFile(bundle.ClientTypesFile); err != nil || !bytes.Equal(have, bundle.ClientTypes()) {
		t.Errorf("%s is stale: run go run ../../cmd/gorsc types", bundle.ClientTypesFile)
	}
	if out, ok := testenv.TSC(t, "examples/notes", "."); !ok {
		t.Fatalf("tsc --noEmit failed:\n%s", out)
	}
}
