package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/testenv"
)

// These tests check the reference-page contract in real Chromium: server
// HTML before JavaScript, hydration without a single console message, the
// Counter, adding and deleting todos with and without JavaScript, and 404.
// They run against the bench app served on 127.0.0.1, or against any
// server at GORSC_CONTRACT_URL — the same checks pass against the Next.js
// app in ../shared/anchors/next-bench:
//
//	GORSC_CONTRACT_URL=http://127.0.0.1:3100 go test ./examples/bench -run Contract

type server struct{ URL string }

func startApp(t *testing.T) server {
	t.Helper()
	if u := os.Getenv("GORSC_CONTRACT_URL"); u != "" {
		return server{strings.TrimSuffix(u, "/")}
	}
	testenv.NodeModules(t, "examples/bench")
	app := NewApp(".")
	// The Counter's first HTML is server-rendered; a loaded test machine
	// must not push its render past the budget (which would leave it to
	// the browser, as designed, and fail the HTML-before-JavaScript check).
	app.SSR.Budget = 10 * time.Second
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return server{srv.URL}
}

// recordRemovals installs, before any page script, an observer that
// records which nodes hydration removes from the document.
const recordRemovals = `
window.__removed = [];
new MutationObserver((records) => {
  for (const r of records) for (const n of r.removedNodes) window.__removed.push(n.nodeName);
}).observe(document, { childList: true, subtree: true });
`

func TestContractServerHTMLBeforeJavaScript(t *testing.T) {
	srv := startApp(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(false)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	if n := p.NodeCount("li.item"); n != 200 {
		t.Errorf("li.item count = %d, want 200", n)
	}
	if got := p.Text("h1"); got != "Items" {
		t.Errorf("h1 = %q, want Items", got)
	}
	if got := p.Text("main button"); got != "Count: 0" {
		t.Errorf("counter (server-rendered) = %q, want %q", got, "Count: 0")
	}
	if n := p.NodeCount("header nav a"); n != 3 {
		t.Errorf("nav links = %d, want 3", n)
	}
	p.ExpectNoMessages(false)
}

func TestContractHydrationCleanAndCounter(t *testing.T) {
	srv := startApp(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.AddScriptOnNewDocument(recordRemovals)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	// The Counter is interactive once React has hydrated.
	testenv.WaitFor(t, "hydration", func() bool {
		return p.Hydrated("main h1") && p.Hydrated("main button")
	})
	for i := 0; i < 3; i++ {
		p.Do(chromedp.Click(chromedp.CSS("main button")))
	}
	testenv.WaitFor(t, "Count: 3", func() bool { return p.Text("main button") == "Count: 3" })
	if n := p.NodeCount("li.item"); n != 200 {
		t.Errorf("after hydration li.item count = %d, want 200", n)
	}
	// Hydration must keep the server's DOM, the Counter's button too: it
	// was rendered on the server from the TSX, so React hydrates it in
	// place rather than replacing a placeholder.
	removed := testenv.Eval[[]string](p, `window.__removed`)
	for _, n := range removed {
		switch n {
		case "#comment", "#text":
		default:
			t.Errorf("hydration removed a %s node; removed: %v", n, removed)
		}
	}
	if len(removed) > 3 {
		t.Errorf("hydration removed %d nodes (%v); want none", len(removed), removed)
	}
	p.ExpectNoMessages(true)
}

func TestContractTodosWithJavaScript(t *testing.T) {
	srv := startApp(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/todos"))
	testenv.WaitFor(t, "hydration", func() bool {
		return p.Hydrated("form")
	})
	testenv.Eval[any](p, `window.__noReload = 1`)
	before := p.NodeCount("ul.todos li")

	title := "js todo " + time.Now().Format("150405.000")
	p.Do(
		chromedp.SendKeys(chromedp.CSS(`input[name=title]`), title),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
	)
	testenv.WaitFor(t, "the new todo", func() bool { return p.NodeCount("ul.todos li") == before+1 })
	if got := testenv.Eval[string](p, `[...document.querySelectorAll("ul.todos li span")].at(-1).textContent`); got != title {
		t.Errorf("last todo = %q, want %q", got, title)
	}
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Fatal("adding a todo reloaded the page")
	}

	// Delete it with its bound Delete form.
	p.Do(chromedp.Click(chromedp.CSS(`ul.todos li:last-child button`)))
	testenv.WaitFor(t, "the todo to go", func() bool { return p.NodeCount("ul.todos li") == before })
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Fatal("deleting a todo reloaded the page")
	}
	if body := get(t, srv.URL+"/todos"); strings.Contains(body, title) {
		t.Errorf("deleted todo %q still on the server", title)
	}
	p.ExpectNoMessages(true)
}

func TestContractTodosWithoutJavaScript(t *testing.T) {
	srv := startApp(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(false)
	p.Do(chromedp.Navigate(srv.URL + "/todos"))
	before := p.NodeCount("ul.todos li")

	title := "no-js todo " + time.Now().Format("150405.000")
	p.Do(
		chromedp.SendKeys(chromedp.CSS(`input[name=title]`), title),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
	)
	testenv.WaitFor(t, "the new todo", func() bool { return p.NodeCount("ul.todos li") == before+1 })
	if got := p.Text("ul.todos li:last-child span"); got != title {
		t.Errorf("last todo = %q, want %q", got, title)
	}
	// The bound Delete form works without JavaScript too.
	p.Do(chromedp.Click(chromedp.CSS(`ul.todos li:last-child button`)))
	testenv.WaitFor(t, "the todo to go", func() bool { return p.NodeCount("ul.todos li") == before })
	if body := get(t, srv.URL+"/todos"); strings.Contains(body, title) {
		t.Errorf("deleted todo %q still on the server", title)
	}
	p.ExpectNoMessages(false)
}

func TestContractClientNavigation(t *testing.T) {
	srv := startApp(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	testenv.WaitFor(t, "hydration", func() bool {
		return p.Hydrated("nav a")
	})
	testenv.Eval[any](p, `window.__noReload = 1`)
	// Count on the home page, scroll down, then go to /todos by the nav.
	p.Do(chromedp.Click(chromedp.CSS("main button")))
	testenv.Eval[any](p, `window.scrollTo(0, 2000)`)
	testenv.WaitFor(t, "scroll", func() bool { return testenv.Read[float64](p, `window.scrollY`) > 1000 })
	// A DOM click: chromedp.Click would first scroll the link into view.
	testenv.Eval[any](p, `document.querySelector('nav a[href="/todos"]').click()`)
	testenv.WaitFor(t, "the todos page", func() bool { return p.JSText("main h1") == "Todos" })
	if testenv.Eval[string](p, `location.pathname`) != "/todos" {
		t.Errorf("URL after navigation = %s", testenv.Eval[string](p, `location.href`))
	}
	testenv.WaitFor(t, "scroll to top", func() bool { return testenv.Read[float64](p, `window.scrollY`) == 0 })
	p.Do(chromedp.Click(chromedp.CSS(`nav a[href="/slow"]`)))
	testenv.WaitFor(t, "the slow page", func() bool { return p.NodeCount("ul.slow li") == 20 })
	// Back twice: the home page again, scrolled where it was.
	testenv.Eval[any](p, `history.back()`)
	testenv.WaitFor(t, "back to todos", func() bool { return p.JSText("main h1") == "Todos" })
	testenv.Eval[any](p, `history.back()`)
	testenv.WaitFor(t, "back home", func() bool { return p.JSText("main h1") == "Items" })
	testenv.WaitFor(t, "scroll restored", func() bool { return testenv.Read[float64](p, `window.scrollY`) > 1000 })
	testenv.Eval[any](p, `history.forward()`)
	testenv.WaitFor(t, "forward to todos", func() bool { return p.JSText("main h1") == "Todos" })
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Fatal("a navigation reloaded the document")
	}
	p.ExpectNoMessages(true)
}

// recordFallback notes, while the document streams in, whether an element
// matching sel with the given text was ever in the DOM.
func recordFallback(sel, text string) string {
	return fmt.Sprintf(`window.__sawFallback = false;
new MutationObserver(() => {
  for (const el of document.querySelectorAll(%q)) if (el.textContent === %q) window.__sawFallback = true;
}).observe(document, { childList: true, subtree: true });`, sel, text)
}

func TestContractSlowPageStreams(t *testing.T) {
	srv := startApp(t)
	p := testenv.NewBrowser(t).NewPage(true)
	p.AddScriptOnNewDocument(recordFallback("main p", "Loading…"))
	p.Do(chromedp.Navigate(srv.URL + "/slow"))
	// The content streams into a hidden segment; React reveals it in main.
	testenv.WaitFor(t, "the slow list", func() bool { return p.NodeCount("main ul.slow li") == 20 })
	if !testenv.Eval[bool](p, `window.__sawFallback`) {
		t.Error("the fallback was never shown: the page did not stream")
	}
	if n := p.NodeCount("main p"); n != 0 {
		t.Errorf("%d fallback paragraphs left after the content arrived", n)
	}
	testenv.WaitFor(t, "hydration", func() bool {
		return p.Hydrated("ul.slow")
	})
	p.ExpectNoMessages(true)
}

func TestParallelPageStreams(t *testing.T) {
	if os.Getenv("GORSC_CONTRACT_URL") != "" {
		t.Skip("/parallel is a gorsc page; the reference app has no such page")
	}
	srv := startApp(t)
	p := testenv.NewBrowser(t).NewPage(true)
	p.AddScriptOnNewDocument(recordFallback("p.loading", "Loading beta…"))
	p.Do(chromedp.Navigate(srv.URL + "/parallel"))
	for _, part := range []string{"alpha", "beta", "gamma"} {
		testenv.WaitFor(t, part, func() bool { return p.NodeCount("main ul."+part+" li") == 5 })
	}
	if !testenv.Eval[bool](p, `window.__sawFallback`) {
		t.Error("the fallbacks were never shown: the page did not stream")
	}
	testenv.WaitFor(t, "hydration", func() bool {
		return p.Hydrated("ul.gamma")
	})
	p.ExpectNoMessages(true)
}

func TestContractNotFound(t *testing.T) {
	srv := startApp(t)
	resp, err := http.Get(srv.URL + "/no-such-page")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /no-such-page = %d, want 404", resp.StatusCode)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
