package ssr

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/testenv"
)

// TestReload: an engine reloaded with a new server bundle renders the new
// code; the old engine, retired, still renders the requests in flight with
// the old one (their module ids are the old build's) and keeps no idle VM;
// a bundle that does not load fails Reload and leaves the old engine in
// service.
func TestReload(t *testing.T) {
	nm := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/app")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	b, err := bundle.NewBuilder(bundle.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	old, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	greeter := filepath.Join(dir, "components", "Greeter.tsx")
	src, _ := os.ReadFile(greeter)
	os.WriteFile(greeter, []byte(strings.Replace(string(src), "<button>Greet</button>", "<button>Hello</button>", 1)), 0o644)
	cur, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}

	e1, err := New(old.Server, Options{CacheBytes: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer e1.Close()
	render := func(e *Engine, r *bundle.Result) string {
		t.Helper()
		res, err := renderClient(t, e, resolver{r.Modules, false}, client("components/Greeter.tsx#Greeter", map[string]any{"greet": action{name: "greet"}}))
		if err != nil {
			t.Fatal(err)
		}
		return string(res.HTML)
	}
	if html := render(e1, old); !strings.Contains(html, "Greet</button>") {
		t.Fatalf("before: %s", html)
	}
	if _, err := e1.Reload([]byte("this is not JavaScript {")); !errors.As(err, new(*BundleError)) {
		t.Errorf("Reload with a broken bundle: %v, want a BundleError", err)
	}
	if html := render(e1, old); !strings.Contains(html, "Greet</button>") {
		t.Errorf("after a failed reload the engine renders %s", html)
	}

	e2, err := e1.Reload(cur.Server)
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	if html := render(e2, cur); !strings.Contains(html, "Hello</button>") {
		t.Errorf("the reloaded engine renders %s", html)
	}
	// A request that began with the old build.
	if html := render(e1, old); !strings.Contains(html, "Greet</button>") {
		t.Errorf("the retired engine renders %s", html)
	}
	if n := e1.Stats().LiveVMs; n != 0 {
		t.Errorf("the retired engine keeps %d VMs", n)
	}
	// The new build's module ids are unknown to the old bundle.
	if _, err := renderClient(t, e1, resolver{cur.Modules, false}, client("components/Greeter.tsx#Greeter", map[string]any{"greet": action{name: "greet"}})); err == nil {
		t.Error("the old bundle rendered a module id of the new build")
	}
}

// TestCodeCache: engines compile each part of a server bundle once; an
// engine in a new process (an empty memo) loads the bytecode from the
// CodeCache, and a damaged file is compiled again.
func TestCodeCache(t *testing.T) {
	b := testApp(t)
	if n := strings.Count(string(b.Server), assets.ServerPartSeparator); n != 1 {
		t.Fatalf("the server bundle has %d parts, want 2", n+1)
	}
	dir := t.TempDir()
	start := func() {
		t.Helper()
		e, err := New(b.Server, Options{CodeCache: dir, CacheBytes: -1})
		if err != nil {
			t.Fatal(err)
		}
		defer e.Close()
		res, err := renderClient(t, e, resolver{b.Modules, false}, client("components/Failing.tsx#Stateful", nil))
		if err != nil || string(res.HTML) != "<b>42</b>" {
			t.Fatalf("render: %q, %v", res.HTML, err)
		}
	}
	memo.reset()
	n := compiles.Load()
	start()
	start() // from the memo
	memo.reset()
	start() // from the directory
	if got := compiles.Load() - n; got != 2 {
		t.Errorf("three engines compiled %d parts, want the bundle's 2 once", got)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"+codeExt))
	if len(files) != 4 {
		t.Fatalf("cache files: %v, want host.js, render.js and the bundle's 2 parts", files)
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		data[len(data)/2] ^= 0xff
		os.WriteFile(f, data, 0o644)
	}
	memo.reset()
	start()
	if got := compiles.Load() - n; got != 4 {
		t.Errorf("damaged cache files were used (%d compiles, want 4)", got)
	}
	memo.reset()
	start()
	if got := compiles.Load() - n; got != 4 {
		t.Errorf("the cache was not written again after damaged files (%d compiles, want 4)", got)
	}
}
