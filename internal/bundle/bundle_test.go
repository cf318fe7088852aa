package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

func TestHasUseClient(t *testing.T) {
	for src, want := range map[string]bool{
		`"use client";` + "\nexport default 1":           true,
		`'use client'`:                                   true,
		"\ufeff// comment\n/* block */ \"use client\"\n": true,
		`"use strict"; "use client";`:                    true,
		`import x from "y"; "use client"`:                false,
		`"use server"`:                                   false,
		`// "use client"`:                                false,
		`const s = "use client"`:                         false,
		"":                                               false,
		`"use client`:                                    false,
	} {
		if got := HasUseClient([]byte(src)); got != want {
			t.Errorf("HasUseClient(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestFindClientModules(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("components/A.tsx", `"use client"; export default () => null`)
	write("components/deep/B.jsx", `'use client'`)
	write("components/Server.tsx", `export const x = 1`)
	write("node_modules/lib/C.js", `"use client"`)
	write(".hidden/D.tsx", `"use client"`)
	write("types.d.ts", `"use client"`)
	write("dist/"+ManifestFile, `{}`) // a build's output: never input
	write("dist/Counter-ABC.js", `"use client"`)
	got, err := FindClientModules(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := "components/A.tsx components/deep/B.jsx"; strings.Join(got, " ") != want {
		t.Errorf("FindClientModules = %v, want %s", got, want)
	}
}

func TestBuildBenchApp(t *testing.T) {
	dir := testenv.NodeModules(t, "examples/bench")
	res, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	m, ok := res.Modules["components/Counter.tsx"]
	if !ok || !strings.HasPrefix(m.URL, "/_gorsc/Counter-") || len(m.Exports) != 1 || m.Exports[0] != "default" {
		t.Fatalf("Counter module = %+v (%v)", m, ok)
	}
	boot := string(res.Files[res.Bootstrap])
	if boot == "" {
		t.Fatal("no bootstrap file")
	}
	// The webpack shim is part of the runtime the bootstrap loads (its
	// order before the Flight client is proven by the browser tests).
	hasShim := strings.Contains(boot, "__webpack_chunk_load__")
	for _, p := range res.Preload {
		hasShim = hasShim || strings.Contains(string(res.Files[p]), "__webpack_chunk_load__")
	}
	if !hasShim {
		t.Fatal("the runtime lacks the webpack shim")
	}
	if _, ok := res.Modules["gorsc:link.tsx"]; !ok {
		t.Error("the runtime's Link client component was not built")
	}
	// One React: every chunk the Counter imports is one the bootstrap
	// imports too.
	counter := string(res.Files[m.URL])
	chunks := regexp.MustCompile(`/_gorsc/chunk-[A-Z0-9]+\.js`).FindAllString(counter, -1)
	if len(chunks) == 0 {
		t.Error("Counter imports no shared chunk: it has its own React")
	}
	for _, c := range chunks {
		if !slices.Contains(res.Preload, c) {
			t.Errorf("Counter imports %s, which the bootstrap does not", c)
		}
		// What it imports is listed for modulepreload with it.
		if !slices.Contains(m.Imports, c) {
			t.Errorf("Counter imports %s, missing from its Imports %v", c, m.Imports)
		}
	}
	for _, c := range m.Imports {
		if _, ok := res.Files[c]; !ok {
			t.Errorf("Counter's import %s is not a built file", c)
		}
	}
	for url := range res.Files {
		if !strings.HasPrefix(url, "/_gorsc/") {
			t.Errorf("file %s is outside the public path", url)
		}
	}
	if strings.Contains(boot, "react.development") || strings.Contains(boot, "Each child in a list should have a unique") {
		t.Error("production bundle contains React's development build")
	}
}

func TestBuildErrorsHaveLocations(t *testing.T) {
	root := testenv.NodeModules(t, "tools/react")
	dir, err := os.MkdirTemp(root, "bundle-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.MkdirAll(filepath.Join(dir, "components"), 0o755)
	os.WriteFile(filepath.Join(dir, "components", "Bad.tsx"), []byte("\"use client\";\nexport default function Bad() {\n  return <div>{</div>;\n}\n"), 0o644)
	_, err = Build(Options{Dir: dir})
	var be *Error
	if !errors.As(err, &be) || len(be.Messages) == 0 {
		t.Fatalf("Build error = %v, want *Error with messages", err)
	}
	m := be.Messages[0]
	if m.File != "components/Bad.tsx" || m.Line != 3 {
		t.Errorf("message at %s:%d, want components/Bad.tsx:3 (%s)", m.File, m.Line, m)
	}
}

func TestBuildWithoutReact(t *testing.T) {
	_, err := Build(Options{Dir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "npm install") {
		t.Errorf("Build without node_modules: %v, want advice to run npm install", err)
	}
}
