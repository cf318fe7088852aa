package typegen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the generated files of testdata/app")

const fixture = "testdata/app"

func generate(t *testing.T, overlay map[string][]byte) *Result {
	t.Helper()
	r, err := Generate(Options{Dir: fixture, Overlay: overlay})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestFixtureUpToDate: the committed .props.ts files of the fixture are
// what Generate writes (go test -update rewrites them).
func TestFixtureUpToDate(t *testing.T) {
	r := generate(t, nil)
	if want := "components/Card.tsx#default components/Widget.tsx#Empty components/Widget.tsx#Loose components/Widget.tsx#Widget"; strings.Join(r.Components, " ") != want {
		t.Errorf("components = %v, want %s", r.Components, want)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings: %q", r.Warnings)
	}
	if *update {
		if _, err := r.Write(fixture); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range r.Files {
		have, err := os.ReadFile(filepath.Join(fixture, name))
		if err != nil || !bytes.Equal(have, body) {
			t.Errorf("%s is stale (run go test ./internal/typegen -update):\n%s", name, body)
		}
	}
}

// tscCopy copies the fixture's TypeScript into a temporary directory with
// the generated files of r and gorsc's client types, and runs tsc there.
func tscCopy(t *testing.T, r *Result) (string, bool) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"tsconfig.json", "components/Widget.tsx", "components/Card.tsx"} {
		b, err := os.ReadFile(filepath.Join(fixture, name))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	if _, err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := bundle.WriteClientTypes(dir); err != nil {
		t.Fatal(err)
	}
	mods := filepath.Join(testenv.RepoRoot(), "examples/notes/node_modules")
	if err := os.Symlink(mods, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	return testenv.TSC(t, "examples/notes", dir)
}

// TestTSCAcceptsGeneratedTypes: components that use every prop with the
// type the Flight writer gives its Go value (Date, bigint, Uint8Array,
// ReactNode, the actions' signatures, optional and null fields, …)
// type-check against the generated types, and fields that are never sent
// are absent.
func TestTSCAcceptsGeneratedTypes(t *testing.T) {
	if out, ok := tscCopy(t, generate(t, nil)); !ok {
		t.Fatalf("tsc failed:\n%s", out)
	}
}

// TestTSCFailsAfterGoRename: renaming a field on the Go side (and where
// the page sets it) makes tsc fail where the TSX uses the old name.
func TestTSCFailsAfterGoRename(t *testing.T) {
	abs, _ := filepath.Abs(filepath.Join(fixture, "app.go"))
	src, err := os.ReadFile(abs)
	if err != nil {
		t.Fatal(err)
	}
	renamed := strings.NewReplacer(
		"Title    string              `json:\"title\"`", "Headline string              `json:\"headline\"`",
		`Title:  "x",`, `Headline: "x",`,
	).Replace(string(src))
	if renamed == string(src) || strings.Contains(renamed, `json:"title"`) {
		t.Fatal("the fixture changed: the rename did not apply")
	}
	r := generate(t, map[string][]byte{abs: []byte(renamed)})
	if !strings.Contains(string(r.Files["components/Widget.props.ts"]), "headline: string;") {
		t.Fatalf("the renamed field is not in the generated types:\n%s", r.Files["components/Widget.props.ts"])
	}
	out, ok := tscCopy(t, r)
	if ok || !strings.Contains(out, "Property 'title' does not exist on type 'WidgetProps'") {
		t.Fatalf("tsc after the Go rename: ok=%v\n%s", ok, out)
	}
}

// TestNonConstantRefWarns: a reference built at run time cannot be typed
// by a static scan; the warning names the call.
func TestNonConstantRefWarns(t *testing.T) {
	abs, _ := filepath.Abs(filepath.Join(fixture, "app.go"))
	src, _ := os.ReadFile(abs)
	edited := strings.Replace(string(src), `gorsc.Client("components/Card.tsx", &CardProps{Heading: "h"}),`, `gorsc.Client(cardRef(), &CardProps{Heading: "h"}),`, 1) +
		"\nfunc cardRef() string { return \"components/Card.tsx\" }\n"
	r := generate(t, map[string][]byte{abs: []byte(edited)})
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "app.go:88: gorsc.Client with a reference that is not a constant") {
		t.Errorf("warnings = %q", r.Warnings)
	}
}
