package ssr

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

// built caches one build per app directory for the package's tests.
var built sync.Map // dir -> *bundle.Result

func build(t testing.TB, dir string) *bundle.Result {
	t.Helper()
	abs := testenv.NodeModules(t, dir)
	if r, ok := built.Load(abs); ok {
		return r.(*bundle.Result)
	}
	r, err := bundle.Build(bundle.Options{Dir: abs})
	if err != nil {
		t.Fatal(err)
	}
	built.Store(abs, r)
	return r
}

// testApp builds internal/ssr/testdata/app, with examples/bench's npm
// packages.
func testApp(t testing.TB) *bundle.Result { return testAppMode(t, false) }

// testAppMode builds the test app with React's production or development
// builds.
func testAppMode(t testing.TB, dev bool) *bundle.Result {
	t.Helper()
	key := fmt.Sprintf("testapp dev=%v", dev)
	if r, ok := built.Load(key); ok {
		return r.(*bundle.Result)
	}
	nm := filepath.Join(testenv.NodeModules(t, "examples/bench"), "node_modules")
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/app")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	r, err := bundle.Build(bundle.Options{Dir: dir, Development: dev})
	if err != nil {
		t.Fatal(err)
	}
	built.Store(key, r)
	return r
}

// resolver resolves client modules as the app does (app.go).
type resolver struct {
	mods map[string]bundle.Module
	dev  bool // development Flight rows
}

func (r resolver) flight() flight.Options { return flight.Options{Dev: r.dev} }

func (r resolver) ClientModule(module, export string) (flight.ClientMeta, error) {
	m, ok := r.mods[module]
	if !ok || !slices.Contains(m.Exports, export) {
		return flight.ClientMeta{}, fmt.Errorf("no client module %s#%s", module, export)
	}
	return flight.ClientMeta{ID: m.URL, Chunks: []string{m.URL, m.URL}, Name: export}, nil
}

func (r resolver) ActionID(a tree.ActionRef) (string, error) { return "action:" + a.ActionName(), nil }

func TestRenderCounter(t *testing.T) {
	b := build(t, "examples/bench")
	e, err := New(b.Server, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	rows, err := flight.EncodeClient(&tree.ClientRef{Module: "components/Counter.tsx", Export: "default"}, resolver{b.Modules, false}, flight.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("flight: %s", rows)
	res, err := e.Render(context.Background(), Request{Flight: rows})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<button type="button">Count: <!-- -->0</button>`; string(res.HTML) != want {
		t.Errorf("HTML = %q, want %q", res.HTML, want)
	}
	t.Logf("head %q", res.Head)
}

type action struct {
	name  string
	bound []any
}

func (a action) ActionName() string { return a.name }
func (a action) BoundArgs() []any   { return a.bound }

func (r resolver) EncodeBound(args []any) (string, error) {
	b, err := flight.EncodePlain(args)
	return string(b), err
}

// testEngine starts an engine for the test app.
func testEngine(t testing.TB, opts Options) (*Engine, resolver) {
	t.Helper()
	return testEngineMode(t, false, opts)
}

func testEngineMode(t testing.TB, dev bool, opts Options) (*Engine, resolver) {
	t.Helper()
	b := testAppMode(t, dev)
	if opts.Budget == 0 {
		// The machine running the tests may be busy: a render budget is
		// not what these tests measure.
		opts.Budget = 5 * time.Second
	}
	e, err := New(b.Server, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e, resolver{b.Modules, dev}
}

func client(ref string, props any) *tree.ClientRef {
	module, export, _ := strings.Cut(ref, "#")
	return &tree.ClientRef{Module: module, Export: export, Props: props}
}

func renderClient(t testing.TB, e *Engine, r resolver, c *tree.ClientRef) (Result, error) {
	t.Helper()
	rows, err := flight.EncodeClient(c, r, r.flight())
	if err != nil {
		t.Fatal(err)
	}
	return e.Render(context.Background(), Request{Flight: rows})
}

func TestRenderKinds(t *testing.T) {
	e, r := testEngine(t, Options{CacheBytes: -1})
	when := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, tc := range []struct {
		name string
		c    *tree.ClientRef
		html string // exact HTML
	}{
		{"state", client("components/Failing.tsx#Stateful", nil), `<b>42</b>`},
		{"timer within budget", client("components/Failing.tsx#Soon", nil), `<p class="soon">ready</p>`},
		{"lazy", client("components/Lazy.tsx#LazyPanel", nil), `<!--$--><div class="panel">lazy</div><!--/$-->`},
		{"suspended inside a boundary", client("components/Failing.tsx#Waiting", nil),
			`<section><h2>before</h2><!--$!--><template data-dgst=""></template><p class="fallback">loading…</p><!--/$--></section>`},
		{"intl", client("components/Values.tsx#Formatted", map[string]any{"when": when, "amount": 1234567.891}),
			`<p class="formatted">Mar 4, 2026<!-- --> <!-- -->$1,234,567.89<!-- --> <!-- -->1,234,567.891</p>`},
		{"error in a boundary, quiet digest", client("components/Failing.tsx#Recovers", nil),
			`<div><!--$!--><template data-dgst=""></template><i>fallback</i><!--/$--></div>`},
		{"values", client("components/Values.tsx#Values", flight.Object{
			{Key: "when", Value: when}, {Key: "big", Value: big.NewInt(1 << 62)}, {Key: "nothing", Value: flight.Undefined{}},
			{Key: "nan", Value: math.NaN()}, {Key: "text", Value: "$a <b> & \"c\""}, {Key: "list", Value: []int{1, 2, 3}},
			{Key: "slot", Value: tree.El("em", tree.Text("server"), tree.Text("side"))},
			{Key: "children", Value: client("components/Failing.tsx#Stateful", nil)},
			{Key: "action", Value: action{name: "save"}},
		}), `<div><time>2026-03-04T05:06:07.000Z</time><span class="big">9223372036854775808</span><span class="undef">true</span><span class="nan">true</span><span class="text">$a &lt;b&gt; &amp; &quot;c&quot;</span><span class="list">1,2,3</span><div class="slot"><em>server<!-- -->side</em></div><!--$--><b>42</b><!--/$--><form action="" encType="multipart/form-data" method="POST"><input type="hidden" name="$ACTION_ID_action:save"/><button>go</button></form></div>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := renderClient(t, e, r, tc.c)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.HTML) != tc.html {
				t.Errorf("HTML\n got %s\nwant %s", res.HTML, tc.html)
			}
		})
	}
}

func TestRenderFailures(t *testing.T) {
	e, r := testEngine(t, Options{CacheBytes: -1, Budget: time.Second, BrowserDigests: true})
	t.Run("throws", func(t *testing.T) {
		_, err := renderClient(t, e, r, client("components/Failing.tsx#Thrower", map[string]any{"message": "boom"}))
		var te *ThrowError
		if !errors.As(err, &te) || te.Message != "boom" || te.Digest == "" || !strings.Contains(te.ComponentStack, "Thrower") {
			t.Fatalf("err = %#v", err)
		}
		t.Log(err)
	})
	t.Run("window", func(t *testing.T) {
		_, err := renderClient(t, e, r, client("components/Failing.tsx#WindowReader", nil))
		var be *BrowserGlobalError
		if !errors.As(err, &be) || be.Global != "window" || !strings.Contains(err.Error(), "ClientOnly") {
			t.Fatalf("err = %v", err)
		}
		t.Log(err)
	})
	t.Run("endless loop", func(t *testing.T) {
		before := e.Stats().Discarded
		start := time.Now()
		_, err := renderClient(t, e, r, client("components/Failing.tsx#Loop", nil))
		var be *BudgetError
		if !errors.As(err, &be) {
			t.Fatalf("err = %v", err)
		}
		if e.Stats().Discarded != before+1 {
			t.Errorf("the interrupted VM was not discarded")
		}
		t.Logf("%v after %v", err, time.Since(start))
		// The pool still renders.
		if res, err := renderClient(t, e, r, client("components/Failing.tsx#Stateful", nil)); err != nil || string(res.HTML) != "<b>42</b>" {
			t.Fatalf("after the loop: %q, %v", res.HTML, err)
		}
	})
	t.Run("stuck", func(t *testing.T) {
		_, err := renderClient(t, e, r, client("components/Failing.tsx#Stuck", nil))
		var se *SuspendedError
		if !errors.As(err, &se) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("recovers", func(t *testing.T) {
		res, err := renderClient(t, e, r, client("components/Failing.tsx#Recovers", nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) != 1 {
			t.Fatalf("errors = %v", res.Errors)
		}
		var te *ThrowError
		if !errors.As(res.Errors[0], &te) || te.Message != "bad inside a boundary" {
			t.Fatalf("error = %v", res.Errors[0])
		}
		want := `<div><!--$!--><template data-dgst="` + te.Digest + `"></template><i>fallback</i><!--/$--></div>`
		if string(res.HTML) != want {
			t.Errorf("HTML\n got %s\nwant %s", res.HTML, want)
		}
	})
	t.Run("unknown module", func(t *testing.T) {
		rows := []byte("1:I[\"/_gorsc/nope.js\",[],\"default\"]\n0:[\"$\",\"$L1\",null,{}]\n")
		_, err := e.Render(context.Background(), Request{Flight: rows})
		var te *ThrowError
		if !errors.As(err, &te) {
			t.Fatalf("err = %v", err)
		}
		t.Log(err)
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		rows, _ := flight.EncodeClient(client("components/Failing.tsx#Stateful", nil), r, flight.Options{})
		if _, err := e.Render(ctx, Request{Flight: rows}); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	})
}

// A Suspense boundary in the props whose children are not done yet: its
// row is not in the component's rows, and the render writes its fallback
// (as a client-rendered boundary the browser fills when the row arrives).
func TestPendingBoundaryInProps(t *testing.T) {
	e, r := testEngine(t, Options{CacheBytes: -1})
	b := &tree.Boundary{Fallback: tree.El("i", tree.Text("streaming")), Done: make(chan struct{})}
	res, err := renderClient(t, e, r, client("components/Values.tsx#Values", flight.Object{
		{Key: "when", Value: time.Unix(0, 0)}, {Key: "big", Value: big.NewInt(1)}, {Key: "nan", Value: 1.5},
		{Key: "text", Value: "t"}, {Key: "list", Value: []int{}}, {Key: "slot", Value: b},
	}))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<div class="slot"><!--$!--><template data-dgst=""></template><i>streaming</i><!--/$--></div>`; !strings.Contains(string(res.HTML), want) || len(res.Errors) > 0 {
		t.Errorf("HTML %s, errors %v; want %s", res.HTML, res.Errors, want)
	}
	// Once done, its children render in place.
	b.Children = []tree.Node{tree.El("b", tree.Text("done"))}
	close(b.Done)
	res, err = renderClient(t, e, r, client("components/Values.tsx#Values", flight.Object{
		{Key: "when", Value: time.Unix(0, 0)}, {Key: "big", Value: big.NewInt(1)}, {Key: "nan", Value: 1.5},
		{Key: "text", Value: "t"}, {Key: "list", Value: []int{}}, {Key: "slot", Value: b},
	}))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<div class="slot"><!--$--><b>done</b><!--/$--></div>`; !strings.Contains(string(res.HTML), want) {
		t.Errorf("HTML %s, want %s", res.HTML, want)
	}
}
