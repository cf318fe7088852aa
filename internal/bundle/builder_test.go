package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuilderRebuilds: a Builder's builds after edits are what a fresh
// Build makes of the same files — an edited component, an edited CSS
// Module (its class names reach the server bundle too), a new "use
// client" module and a new stylesheet (their passes get new contexts) —
// and a build that fails reports esbuild's error with its location, after
// which the fixed file builds again.
func TestBuilderRebuilds(t *testing.T) {
	dir := cssApp(t, map[string]string{
		"components/Counter.tsx":        "\"use client\";\nimport s from \"./counter.module.css\";\nexport default function Counter() {\n  return <b className={s.n}>Count</b>;\n}\n",
		"components/counter.module.css": ".n { color: red }\n",
	})
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := NewBuilder(Options{Dir: dir, Development: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	same := func(step string) *Result {
		t.Helper()
		got, err := b.Build()
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		want, err := Build(Options{Dir: dir, Development: true})
		if err != nil {
			t.Fatalf("%s: fresh build: %v", step, err)
		}
		if !EqualResults(got, want) {
			t.Errorf("%s: the Builder's build differs from a fresh one", step)
		}
		return got
	}
	first := same("first build")
	counter := func(r *Result) string { return string(r.Files[r.Modules["components/Counter.tsx"].URL]) }

	write("components/Counter.tsx", strings.Replace("\"use client\";\nimport s from \"./counter.module.css\";\nexport default function Counter() {\n  return <b className={s.n}>Count</b>;\n}\n", "Count", "Clicks", 1))
	r := same("a TSX edit")
	if !strings.Contains(counter(r), "Clicks") || r.Modules["components/Counter.tsx"].URL == first.Modules["components/Counter.tsx"].URL {
		t.Errorf("the edit is not in the new build (module %s)", r.Modules["components/Counter.tsx"].URL)
	}
	if !strings.Contains(string(r.Server), "Clicks") {
		t.Error("the edit is not in the new server bundle")
	}
	// The server bundle's part 1 (React) is the same build; part 2 has the
	// edit and imports React from part 1.
	oldParts, parts := strings.Split(string(first.Server), ServerPartSeparator), strings.Split(string(r.Server), ServerPartSeparator)
	if len(parts) != 2 || len(oldParts) != 2 {
		t.Fatalf("the server bundle has %d parts, want 2", len(parts))
	}
	if parts[0] != oldParts[0] || !strings.Contains(parts[0], "react.development.js") || !strings.Contains(parts[0], "globalThis.__gorsc_vendor = {") {
		t.Error("part 1 of the server bundle changed with a component, or lacks React")
	}
	if strings.Contains(parts[1], "react.development.js") || strings.Contains(parts[1], "react-dom-server.edge") || !strings.Contains(parts[1], "globalThis.__gorsc_vendor[") {
		t.Error("part 2 of the server bundle has its own React")
	}

	write("components/counter.module.css", ".n { color: blue }\n.m { color: green }\n")
	r = same("a CSS Module edit")
	if _, ok := r.Stylesheets["components/counter.module.css"].Classes["m"]; !ok {
		t.Errorf("the new class is not in the build: %v", r.Stylesheets["components/counter.module.css"])
	}

	write("components/Other.tsx", "\"use client\";\nexport default function Other() { return <i>other</i>; }\n")
	write("styles/site.css", "body { margin: 0 }\n")
	r = same("a new client module and stylesheet")
	if _, ok := r.Modules["components/Other.tsx"]; !ok {
		t.Error("the new client module is not built")
	}
	if r.Stylesheets["styles/site.css"].URL == "" {
		t.Error("the new stylesheet is not built")
	}

	write("components/Other.tsx", "\"use client\";\nexport default function Other() { return <i>other</b>; }\n")
	_, err = b.Build()
	var be *Error
	if !errors.As(err, &be) || be.Messages[0].File != "components/Other.tsx" || be.Messages[0].Line != 2 || be.Messages[0].Source == "" {
		t.Fatalf("broken build: %v, want an *Error at components/Other.tsx:2 with its source line", err)
	}
	write("components/Other.tsx", "\"use client\";\nexport default function Other() { return <i>fixed</i>; }\n")
	r = same("the fix")
	if !strings.Contains(string(r.Files[r.Modules["components/Other.tsx"].URL]), "fixed") {
		t.Error("the fix is not in the build")
	}
}

// TestDevCache: a saved build is loaded while its files are unchanged,
// and refused once a file it read, a client module or a stylesheet
// changed.
func TestDevCache(t *testing.T) {
	dir := cssApp(t, map[string]string{
		"components/Counter.tsx": "\"use client\";\nimport \"./counter.css\";\nexport default function Counter() { return <b>Count</b>; }\n",
		"components/counter.css": ".n { color: red }\n",
		"main.go":                "package main\n",
	})
	cache := filepath.Join(dir, ".gorsc", "dev", "assets")
	b, _ := NewBuilder(Options{Dir: dir, Development: true})
	defer b.Close()
	r, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if err := SaveCache(cache, r, b.CacheKey(), true); err != nil {
		t.Fatal(err)
	}
	fresh := func() *Builder {
		b, _ := NewBuilder(Options{Dir: dir, Development: true})
		t.Cleanup(b.Close)
		return b
	}
	got, _, err := fresh().LoadCache(cache)
	if err != nil || !EqualResults(got, r) {
		t.Fatalf("LoadCache of an unchanged app: %v (equal %v)", err, got != nil && EqualResults(got, r))
	}
	if _, _, err := (func() *Builder { b, _ := NewBuilder(Options{Dir: dir}); return b })().LoadCache(cache); err == nil {
		t.Error("a production Builder loaded a development build")
	}
	// A Go file is no input of the client build.
	later := time.Now().Add(time.Second)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	if _, _, err := fresh().LoadCache(cache); err != nil {
		t.Errorf("LoadCache after a Go edit: %v", err)
	}
	for _, c := range []struct{ name, src, why string }{
		{"components/counter.css", ".n { color: blue }\n", "changed: components/counter.css"},
		{"components/Counter.tsx", "\"use client\";\nexport default function Counter() { return <b>Clicks</b>; }\n", "changed: components/Counter.tsx"},
		{"components/New.tsx", "\"use client\";\nexport default function New() { return null; }\n", "other client modules"},
		{"styles/new.css", "a { color: red }\n", "other client modules or stylesheets"},
	} {
		p := filepath.Join(dir, filepath.FromSlash(c.name))
		old, readErr := os.ReadFile(p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(c.src), 0o644)
		os.Chtimes(p, later, later)
		if _, _, err := fresh().LoadCache(cache); err == nil || !strings.Contains(err.Error(), c.why) {
			t.Errorf("LoadCache after writing %s: %v, want %q", c.name, err, c.why)
		}
		if readErr == nil {
			os.WriteFile(p, old, 0o644)
		} else {
			os.Remove(p)
		}
	}
}
