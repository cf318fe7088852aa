package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

// tempApp makes an app directory with the given files, whose node_modules
// is the bench example's.
func tempApp(t *testing.T, files map[string]string) string {
	t.Helper()
	nm := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	dir := t.TempDir()
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Public variables are replaced at build time; any other process.env read
// in client code is a build error naming the file, line and variable.
func TestProcessEnvInClientCode(t *testing.T) {
	t.Setenv("GORSC_PUBLIC_API_URL", "https://api.example.com")
	t.Setenv("DATABASE_PASSWORD", "hunter2")
	dir := tempApp(t, map[string]string{"components/Api.tsx": `"use client";
export function Api() {
  const mode = process.env.NODE_ENV;
  const unset = process.env.GORSC_PUBLIC_UNSET;
  return <a href={process.env.GORSC_PUBLIC_API_URL} data-mode={mode} data-unset={String(unset)}>api</a>;
}
`})
	res, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range res.Files {
		all.Write(f)
	}
	if !strings.Contains(all.String(), "https://api.example.com") || strings.Contains(all.String(), "process.env") {
		t.Error("GORSC_PUBLIC_API_URL must be inlined and no process.env read left in the bundle")
	}

	dir = tempApp(t, map[string]string{"components/Leak.tsx": `"use client";
export function Leak() {
  return <p>{process.env.DATABASE_PASSWORD}{process.env["API_KEY"]}</p>;
}
`})
	_, err = Build(Options{Dir: dir})
	var be *Error
	if !errors.As(err, &be) || len(be.Messages) != 2 {
		t.Fatalf("want two located build errors, got %v", err)
	}
	m := be.Messages[0]
	if m.File != "components/Leak.tsx" || m.Line != 3 || !strings.Contains(m.Text, "process.env.DATABASE_PASSWORD") || !strings.Contains(m.Source, "process.env.DATABASE_PASSWORD") {
		t.Errorf("first error: %+v", m)
	}
	if !strings.Contains(be.Messages[1].Text, "process.env.API_KEY") {
		t.Errorf("second error: %+v", be.Messages[1])
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Error("the error leaks the variable's value")
	}
}
