package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/testenv"
)

func startNotes(t *testing.T, mw ...func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	testenv.NodeModules(t, "examples/notes")
	app := NewApp(".")
	app.Use(mw...)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return srv
}

func status(t *testing.T, url string) (int, string, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, resp.Header.Get("Location"), b.String()
}

func TestNotFoundPages(t *testing.T) {
	srv := startNotes(t)
	for _, c := range []struct{ path, want string }{
		{"/nothing", `<h1 class="not-found">Nothing here.</h1>`},         // root not-found, no page matches
		{"/tags/rust", `<h1 class="not-found">Nothing here.</h1>`},       // the page returned NotFound
		{"/notes/nope/deeper", `<h2 class="missing">No such note.</h2>`}, // nearest segment of the URL
	} {
		code, _, body := status(t, srv.URL+c.path)
		if code != 404 || !strings.Contains(body, c.want) {
			t.Errorf("GET %s = %d, want 404 with %s", c.path, code, c.want)
		}
		if !strings.Contains(body, `<nav>`) {
			t.Errorf("GET %s: the not-found page is not inside the root layout", c.path)
		}
	}
	// Behind a Loading boundary the page's NotFound arrives after the
	// shell: its segment's not-found UI replaces the page, in the layout.
	if _, _, body := status(t, srv.URL+"/notes/nope"); !strings.Contains(body, `<h2 class="missing">No such note.</h2>`) || !strings.Contains(body, `<div class="notes">`) {
		t.Errorf("GET /notes/nope lacks the notes segment's not-found UI in its layout:\n%s", body)
	}
	if code, _, _ := status(t, srv.URL+"/tags/go"); code != 200 {
		t.Errorf("GET /tags/go = %d", code)
	}
}

func TestRouteGroupAndRedirect(t *testing.T) {
	srv := startNotes(t)
	code, _, body := status(t, srv.URL+"/about")
	if code != 200 || !strings.Contains(body, `<section class="info"><h1>About gorsc notes</h1><p class="about">`) {
		t.Errorf("GET /about = %d:\n%s", code, body)
	}
	if code, _, _ := status(t, srv.URL+"/(info)/about"); code != 404 {
		t.Errorf("a route group must not appear in URLs: GET /(info)/about = %d", code)
	}
	if code, loc, _ := status(t, srv.URL+"/old-notes"); code != http.StatusTemporaryRedirect || loc != "/notes" {
		t.Errorf("GET /old-notes = %d %q, want 307 to /notes", code, loc)
	}
}

func TestMetadataInHead(t *testing.T) {
	srv := startNotes(t)
	_, _, body := status(t, srv.URL+"/notes/1")
	head, _, _ := strings.Cut(body, "</head>")
	for _, want := range []string{
		`<title>Groceries · gorsc notes</title>`,
		`<meta name="description" content="Notes, served by gorsc."/>`,
		`<meta property="og:title" content="Groceries"/>`,
	} {
		if !strings.Contains(head, want) {
			t.Errorf("<head> lacks %s:\n%s", want, head)
		}
	}
	if strings.Count(body, "<title>") != 1 {
		t.Errorf("want one <title>, the deepest segment's:\n%s", head)
	}
}

func TestLoadingStreamsFirst(t *testing.T) {
	srv := startNotes(t)
	_, _, body := status(t, srv.URL+"/notes/slow")
	fb := strings.Index(body, `<p class="loading">Loading note…</p>`)
	content := strings.Index(body, `<h2>A slow note</h2>`)
	if fb < 0 || content < 0 || fb > content {
		t.Errorf("the loading UI must come before the note:\n%s", body)
	}
}

func TestBrowserRouter(t *testing.T) {
	srv := startNotes(t)
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/notes/1"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("button.clicker") && p.Hydrated("aside a") })
	testenv.Eval[any](p, `window.__noReload = 1`)
	p.Do(chromedp.Click(chromedp.CSS("button.clicker")), chromedp.Click(chromedp.CSS("button.clicker")))
	testenv.WaitFor(t, "two clicks", func() bool { return p.JSText("button.clicker") == "Clicks: 2" })

	if got := testenv.Eval[string](p, `document.title`); got != "Groceries · gorsc notes" {
		t.Errorf("title = %q", got)
	}

	// Navigating between notes keeps the layouts and their client state,
	// and updates the title.
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/2"]').click()`)
	testenv.WaitFor(t, "note 2", func() bool { return p.JSText("article h2") == "Ideas" })
	testenv.WaitFor(t, "the new title", func() bool { return testenv.Read[string](p, `document.title`) == "Ideas · gorsc notes" })
	if n := testenv.Eval[float64](p, `document.querySelectorAll("title").length`); n != 1 {
		t.Errorf("%v <title> elements after navigating", n)
	}
	if got := p.JSText("button.clicker"); got != "Clicks: 2" {
		t.Errorf("the layout's client state was lost: %q", got)
	}

	// A slow note shows the segment's loading UI at once, then the note.
	testenv.Eval[any](p, `window.__sawLoading = false; new MutationObserver(() => { if (document.querySelector("p.loading")) window.__sawLoading = true }).observe(document.body, {childList: true, subtree: true})`)
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/slow"]').click()`)
	testenv.WaitFor(t, "the slow note", func() bool { return p.JSText("article h2") == "A slow note" })
	if !testenv.Eval[bool](p, `window.__sawLoading`) {
		t.Error("the loading UI was not shown during the navigation")
	}

	// A failing note shows the segment's error UI with a digest; Retry
	// renders it again (the second load succeeds).
	brokenLoads.Store(0)
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/broken"]').click()`)
	testenv.WaitFor(t, "the error UI", func() bool { return p.JSText("[data-gorsc-error] p.note-error") != "" })
	if d := testenv.Eval[string](p, `document.querySelector("[data-gorsc-error]").dataset.digest`); d == "" {
		t.Error("the error UI has no digest")
	}
	p.Do(chromedp.Click(chromedp.CSS("[data-gorsc-retry]")))
	testenv.WaitFor(t, "the note after retry", func() bool { return p.JSText("article h2") == "A broken note" })

	// A missing note: the segment's not-found UI, still a client navigation.
	testenv.Eval[any](p, `document.querySelector('nav a[href="/notes"]').click()`)
	testenv.WaitFor(t, "the notes index", func() bool { return p.JSText("p.pick") == "Pick a note." })

	// A page that redirects sends the router to its target.
	testenv.Eval[any](p, `document.querySelector('nav a[href="/"]').click()`)
	testenv.WaitFor(t, "home", func() bool { return p.JSText("main h1") == "Notes app" })
	testenv.Eval[any](p, `document.querySelector("#old").click()`)
	testenv.WaitFor(t, "the redirect target", func() bool { return p.JSText("p.pick") == "Pick a note." })
	if got := testenv.Eval[string](p, `location.pathname`); got != "/notes" {
		t.Errorf("after the redirect the URL is %s, want /notes", got)
	}
	if got := p.JSText("button.clicker"); got != "Clicks: 2" || testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Fatalf("a navigation reloaded the document (clicker %q)", got)
	}
}

// flightCounter counts the Flight (RSC) requests per path.
type flightCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *flightCounter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("RSC") == "1" {
			c.mu.Lock()
			c.n[r.URL.Path]++
			c.mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

func (c *flightCounter) get(path string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[path]
}

func TestBrowserPrefetch(t *testing.T) {
	count := &flightCounter{n: map[string]int{}}
	srv := startNotes(t, count.middleware)
	p := testenv.NewBrowser(t).NewPage(true)

	// A Link with Prefetch("viewport") fetches its page once it is seen.
	p.Do(chromedp.Navigate(srv.URL + "/"))
	testenv.WaitFor(t, "the viewport prefetch of /notes/1", func() bool { return count.get("/notes/1") == 1 })

	// Hover (here: focus) prefetches; the click then needs no request.
	p.Do(chromedp.Navigate(srv.URL + "/notes/1"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated(`aside a[href="/notes/2"]`) })
	if n := count.get("/notes/2"); n != 0 {
		t.Fatalf("/notes/2 fetched %d times before any hover", n)
	}
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/2"]').focus()`)
	testenv.WaitFor(t, "the hover prefetch of /notes/2", func() bool { return count.get("/notes/2") == 1 })
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/2"]').click()`)
	testenv.WaitFor(t, "note 2", func() bool { return p.JSText("article h2") == "Ideas" })
	if n := count.get("/notes/2"); n != 1 {
		t.Errorf("the navigation fetched /notes/2 again: %d requests", n)
	}
	p.ExpectNoMessages(true)
}

// flightLog records, for each Flight request, the slots the router said
// it had mounted and the slot the answer filled ("" for a whole tree).
type flightLog struct {
	mu   sync.Mutex
	last map[string][2]string // by path
}

func (l *flightLog) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if r.Header.Get("RSC") == "1" {
			l.mu.Lock()
			l.last[r.URL.Path] = [2]string{r.Header.Get("Gorsc-Segments"), w.Header().Get("Gorsc-Slot")}
			l.mu.Unlock()
		}
	})
}

// slot returns the slot the last Flight answer for path filled.
func (l *flightLog) slot(t *testing.T, path string) string {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.last[path]
	if !ok {
		t.Fatalf("no Flight request for %s", path)
	}
	return e[1]
}

func (l *flightLog) reset() {
	l.mu.Lock()
	l.last = map[string][2]string{}
	l.mu.Unlock()
}

// A navigation between pages that share layouts renders only below the
// deepest shared one: the layouts' DOM nodes stay the same nodes and
// their client state survives, while titles and loading UI still update.
func TestBrowserPartialNavigation(t *testing.T) {
	log := &flightLog{last: map[string][2]string{}}
	srv := startNotes(t, log.middleware)
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/notes/1"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("button.clicker") && p.Hydrated("aside a") })
	testenv.Eval[any](p, `window.__noReload = 1; document.querySelector("aside").__kept = 1; document.querySelector("header").__kept = 1`)
	p.Do(chromedp.Click(chromedp.CSS("button.clicker")))
	testenv.WaitFor(t, "a click", func() bool { return p.JSText("button.clicker") == "Clicks: 1" })

	keeps := func(what string) {
		t.Helper()
		if !testenv.Eval[bool](p, `document.querySelector("aside")?.__kept === 1`) {
			t.Errorf("%s: the notes layout's <aside> is a new node", what)
		}
		if !testenv.Eval[bool](p, `document.querySelector("header").__kept === 1`) {
			t.Errorf("%s: the root layout's <header> is a new node", what)
		}
		if got := p.JSText("button.clicker"); got != "Clicks: 1" {
			t.Errorf("%s: the root layout's client state was lost: %q", what, got)
		}
	}

	// Note to note: only the notes segment's children.
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/2"]').click()`)
	testenv.WaitFor(t, "note 2", func() bool { return p.JSText("article h2") == "Ideas" })
	testenv.WaitFor(t, "the new title", func() bool { return testenv.Read[string](p, `document.title`) == "Ideas · gorsc notes" })
	if got := log.slot(t, "/notes/2"); got != "/notes" {
		t.Errorf("/notes/1 → /notes/2 filled slot %q, want /notes", got)
	}
	keeps("/notes/1 → /notes/2")
	if n := testenv.Eval[float64](p, `document.querySelectorAll("title, meta[property='og:title']").length`); n != 2 {
		t.Errorf("%v title and og:title elements, want one of each", n)
	}

	// A slow note: the loading UI at once, inside the kept layout.
	testenv.Eval[any](p, `window.__sawLoading = false; new MutationObserver(() => { if (document.querySelector("article p.loading")) window.__sawLoading = true }).observe(document.body, {childList: true, subtree: true})`)
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/slow"]').click()`)
	testenv.WaitFor(t, "the slow note", func() bool { return p.JSText("article h2") == "A slow note" })
	if !testenv.Eval[bool](p, `window.__sawLoading`) {
		t.Error("the loading UI was not shown during the partial navigation")
	}
	if got := log.slot(t, "/notes/slow"); got != "/notes" {
		t.Errorf("/notes/2 → /notes/slow filled slot %q, want /notes", got)
	}
	keeps("/notes/2 → /notes/slow")

	// Back and forward fill the same slot.
	testenv.Eval[any](p, `history.back()`)
	testenv.WaitFor(t, "back to note 2", func() bool { return p.JSText("article h2") == "Ideas" })
	testenv.WaitFor(t, "the title of note 2", func() bool { return testenv.Read[string](p, `document.title`) == "Ideas · gorsc notes" })
	keeps("back")
	testenv.Eval[any](p, `history.forward()`)
	testenv.WaitFor(t, "forward to the slow note", func() bool { return p.JSText("article h2") == "A slow note" })
	keeps("forward")

	// Home: the root layout's children change, the notes layout goes.
	log.reset()
	testenv.Eval[any](p, `document.querySelector('nav a[href="/"]').click()`)
	testenv.WaitFor(t, "home", func() bool { return p.JSText("main h1") == "Notes app" })
	testenv.WaitFor(t, "the home title", func() bool { return testenv.Read[string](p, `document.title`) == "gorsc notes" })
	if got := log.slot(t, "/"); got != "/" {
		t.Errorf("/notes/slow → / filled slot %q, want /", got)
	}
	if n := p.NodeCount("aside"); n != 0 {
		t.Errorf("%d <aside> left on the home page", n)
	}
	if n := testenv.Eval[float64](p, `document.querySelectorAll("meta[property='og:title']").length`); n != 0 {
		t.Errorf("the note's og:title is left on the home page")
	}

	// Back into the notes: a new notes layout, then kept again.
	testenv.Eval[any](p, `history.back()`)
	testenv.WaitFor(t, "back to the slow note", func() bool { return p.JSText("article h2") == "A slow note" })
	if got := log.slot(t, "/notes/slow"); got != "/" {
		t.Errorf("/ → /notes/slow filled slot %q, want /", got)
	}
	testenv.Eval[any](p, `document.querySelector("aside").__kept = 1`)
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/1"]').click()`)
	testenv.WaitFor(t, "note 1", func() bool { return p.JSText("article h2") == "Groceries" })
	keeps("/notes/slow → /notes/1")

	p.ExpectNoMessages(true) // no hydration or key warnings, no errors

	// Retry refreshes: the whole tree, which the filled slots follow; the
	// layouts, reconciled, keep their nodes and state.
	brokenLoads.Store(0)
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/broken"]').click()`)
	testenv.WaitFor(t, "the error UI", func() bool { return p.JSText("[data-gorsc-error] p.note-error") != "" })
	if got := log.slot(t, "/notes/broken"); got != "/notes" {
		t.Errorf("/notes/1 → /notes/broken filled slot %q, want /notes", got)
	}
	testenv.Eval[any](p, `document.querySelector("[data-gorsc-retry]").click()`)
	testenv.WaitFor(t, "the note after retry", func() bool { return p.JSText("article h2") == "A broken note" })
	if got := log.slot(t, "/notes/broken"); got != "" {
		t.Errorf("the refresh filled slot %q, want the whole tree", got)
	}
	keeps("refresh")
	// And partial navigations work on from the refreshed tree.
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/2"]').click()`)
	testenv.WaitFor(t, "note 2 after the refresh", func() bool { return p.JSText("article h2") == "Ideas" })
	keeps("after the refresh")
	if got := log.slot(t, "/notes/2"); got != "/notes" {
		t.Errorf("/notes/broken → /notes/2 filled slot %q, want /notes", got)
	}

	// An action that revalidates answers with the whole tree too: the
	// filled slot shows the new page, the layouts are kept.
	before := p.JSText("button.like")
	testenv.Eval[any](p, `document.querySelector("button.like").click()`)
	testenv.WaitFor(t, "the like", func() bool { return p.JSText("button.like") != before })
	if want := fmt.Sprintf("Likes: %d", likesOf("2")); p.JSText("button.like") != want {
		t.Errorf("after liking: %q, want %q", p.JSText("button.like"), want)
	}
	keeps("after an action")
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Fatal("a navigation reloaded the document")
	}
}
