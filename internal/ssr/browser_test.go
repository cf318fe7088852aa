package ssr

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

// document writes page as the app does (app.go: the shell, then the
// inline Flight rows, then the closing tags), with client components
// server-rendered by e. A component that fails gets today's client-rendered
// hole with an empty digest.
func document(t testing.TB, e *Engine, r resolver, page tree.Node) []byte {
	t.Helper()
	b := testAppMode(t, r.dev)
	var head strings.Builder
	for _, p := range b.Preload {
		fmt.Fprintf(&head, `<link rel="modulepreload" href="%s"/>`, p)
	}
	fmt.Fprintf(&head, `<script type="module" src="%s" async=""></script>`, b.Bootstrap)
	render := e.Hook(t.Context(), r, HookOptions{Flight: r.flight(), OnError: func(c *tree.ClientRef, err error) {
		t.Logf("%s falls back to the browser (digest %s): %v", tree.Describe(c), Digest(err), err)
	}})
	s := fizz.NewStream(r, &fizz.Options{HeadEnd: head.String(), RenderClient: render}, b.Fizz, func(*tree.Boundary) string { return "" })
	shell, err := s.Shell(page)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := flight.EncodeWith(page, r, r.flight())
	if err != nil {
		t.Fatal(err)
	}
	return append(fizz.AppendFlightScript(shell, rows), s.End()...)
}

func serve(t testing.TB, b *bundle.Result, docs map[string][]byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/style.css" {
			w.Header().Set("Content-Type", "text/css")
			w.Write([]byte("body { margin: 0 }"))
			return
		}
		if body, ok := b.Files[req.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(body)
			return
		}
		if doc, ok := docs[req.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(doc)
			return
		}
		http.NotFound(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// hydrated waits until React has hydrated the document and a few frames
// have passed for recoverable errors to be reported.
func hydrated(t testing.TB, p *testenv.Page) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !testenv.Eval[bool](p, `Object.keys(document.body).some(k => k.startsWith("__reactFiber$"))`) {
		if time.Now().After(deadline) {
			t.Fatal("React never hydrated the page")
		}
		time.Sleep(10 * time.Millisecond)
	}
	testenv.Eval[bool](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(true), 50))))`)
}

// TestHydrationInChromium loads documents whose client components the
// engine rendered into real Chromium: React must hydrate them without a
// single console message (a mismatch, useId included, is reported to
// onRecoverableError, which the runtime logs), keep the server's ids, and
// make the components interactive.
func TestHydrationInChromium(t *testing.T) {
	for _, dev := range []bool{false, true} {
		t.Run(map[bool]string{false: "production", true: "development"}[dev], func(t *testing.T) { testHydration(t, dev) })
	}
}

func testHydration(t *testing.T, dev bool) {
	e, r := testEngineMode(t, dev, Options{})
	page := idsPage()
	body := page.(*tree.Element).Children()[1].(*tree.Element)
	body.SetChildren(append(body.Children(),
		client("components/Values.tsx#Counter", map[string]any{"start": 5}),
		client("components/Failing.tsx#Waiting", nil),
		client("components/Failing.tsx#Recovers", nil),
		client("components/Failing.tsx#ThrowsOnServer", nil),
		client("components/Failing.tsx#WindowReader", nil),
		client("components/Lazy.tsx#LazyPanel", nil),
		tree.El("svg", tree.Attr{Name: "width", Value: "10"}, client("components/Svg.tsx#Dot", nil)),
		client("components/Values.tsx#Head", map[string]any{"title": "From a client component"}),
		client("components/Values.tsx#Formatted", map[string]any{"when": time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC), "amount": 1234.5}),
		client("components/Styled.tsx#Styled", nil),
	))
	doc := document(t, e, r, page)
	if n := strings.Count(string(doc), `<link rel="stylesheet" href="/style.css"`); n != 1 {
		t.Errorf("%d stylesheets /style.css in the document, want 1", n)
	}
	if i := strings.Index(string(doc), `<meta name="description" content="about From a client component"/>`); i < 0 || i > strings.Index(string(doc), "</head>") {
		t.Errorf("the client component's head elements are not in <head>:\n%s", doc)
	}
	// The CSS Module's class is the build's scoped name, as in the browser.
	styled := testAppMode(t, dev).Stylesheets["components/Styled.module.css"].Classes["title"]
	if styled == "" {
		t.Fatal("the build has no scoped name for Styled.module.css's title")
	}
	for _, want := range []string{`Count: <!-- -->5`, `class="panel"`, `data-probe="deepest"`, `<circle`, `$1,234.50`, `<p class="` + styled + `"`} {
		if !strings.Contains(string(doc), want) {
			t.Fatalf("the document lacks %s:\n%s", want, doc)
		}
	}
	srv := serve(t, testAppMode(t, dev), map[string][]byte{"/": doc})

	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	hydrated(t, p)
	expectNoMessages(t, p)
	// The ids the browser computed (written by an effect after hydration)
	// are the server's. (A production build does not report a useId
	// mismatch: the DOM keeps the server's ids, and later renders use the
	// browser's.)
	// Suspense boundaries hydrate one after another: wait for them all.
	testenv.WaitFor(t, "every probe to hydrate", func() bool {
		return testenv.Eval[bool](p, `[...document.querySelectorAll("[data-probe]")].every(e => e.dataset.clientId !== undefined)`)
	})
	ids := testenv.Eval[map[string]string](p, `Object.fromEntries([...document.querySelectorAll("[data-probe]")].map(e => [e.dataset.probe, e.dataset.id + "|" + (e.dataset.clientId ?? "none")]))`)
	if len(ids) < 60 {
		t.Fatalf("%d probes in the page", len(ids))
	}
	for label, pair := range ids {
		server, browser, _ := strings.Cut(pair, "|")
		if server != browser {
			t.Errorf("probe %s: the server rendered id %q, the browser computes %q", label, server, browser)
		}
	}
	if n := testenv.Eval[int](p, `document.head.querySelectorAll('link[rel=stylesheet][data-precedence="default"][href="/style.css"]').length`); n != 1 {
		t.Errorf("%d stylesheets /style.css in <head> after hydration, want 1 (React adopts the server's)", n)
	}
	// The server-rendered Counter is live.
	testenv.Eval[any](p, `document.querySelector(".counter").click()`)
	testenv.WaitFor(t, "the counter to count", func() bool { return p.JSText(".counter") == "Count: 6" })
	// The components that could not render on the server rendered in the
	// browser.
	testenv.WaitFor(t, "ThrowsOnServer to render in the browser", func() bool { return p.JSText(".browser-only") == "rendered by the browser" })
	expectNoMessages(t, p)
}

// expectNoMessages fails for every console message of the tab but the
// browser's favicon request and the DevTools notice of React's
// development build.
func expectNoMessages(t *testing.T, p *testenv.Page) {
	t.Helper()
	for _, m := range p.Messages(true) {
		if strings.HasSuffix(m.URL, "/favicon.ico") || strings.Contains(m.Text, "Download the React DevTools") {
			continue
		}
		t.Errorf("browser logged %s (%s)", m.String(), m.URL)
	}
}
