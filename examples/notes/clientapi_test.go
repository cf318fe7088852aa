package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/testenv"
)

// recordNav records, before any page script, each state the NavInfo
// component (components/NavInfo.tsx) shows: "pending|path|link state".
const recordNav = `
window.__nav = [];
new MutationObserver(() => {
  const q = (s) => document.querySelector(s)?.textContent ?? "";
  const s = q("#nav-pending") + "|" + q("#nav-path") + "|" + q("#nav-link .link-state");
  if (window.__nav[window.__nav.length - 1] !== s) window.__nav.push(s);
}).observe(document, { childList: true, subtree: true, characterData: true });
`

// TestBrowserClientAPI drives gorsc/client's hooks and router from a
// client component of the root layout: usePathname, useSearchParams and
// useParams follow every kind of navigation and change together with the
// page; useNavigationPending and useLinkStatus are true while a
// navigation is in flight; push, replace, back, forward, refresh and
// prefetch do what they say.
func TestBrowserClientAPI(t *testing.T) {
	var counter flightCounter
	counter.n = map[string]int{}
	slow := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("RSC") == "1" && (r.URL.Path == "/notes/2" || r.URL.Path == "/about") {
				time.Sleep(400 * time.Millisecond) // time to see the pending state
			}
			next.ServeHTTP(w, r)
		})
	}
	srv := startNotes(t, counter.middleware, slow)
	p := testenv.NewBrowser(t).NewPage(true)
	p.AddScriptOnNewDocument(recordNav)
	p.Do(chromedp.Navigate(srv.URL + "/notes/1?q=first"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("#nav-path") && p.Hydrated("aside a") })
	testenv.Eval[any](p, `window.__noReload = 1`)

	type state struct{ path, q, params, pending string }
	now := func() state {
		return state{p.JSText("#nav-path"), p.JSText("#nav-q"), p.JSText("#nav-params"), p.JSText("#nav-pending")}
	}
	expect := func(what string, want state) {
		t.Helper()
		testenv.WaitFor(t, what, func() bool { return now() == want })
	}
	expect("the first page", state{"/notes/1", "first", `{"id":"1"}`, "idle"})

	// A Link: pending (for the link, and for the app) while the slow page
	// loads, with the path unchanged until the page shows.
	testenv.Eval[any](p, `window.__nav = []`)
	p.Do(chromedp.Click(chromedp.CSS("#nav-link")))
	expect("note 2 by the Link", state{"/notes/2", "", `{"id":"2"}`, "idle"})
	if got := p.JSText("article h2"); got != "Ideas" {
		t.Errorf("after the Link, article h2 = %q", got)
	}
	seen := testenv.Eval[[]string](p, `window.__nav`)
	if !contains(seen, "pending|/notes/1|loading…") {
		t.Errorf("no pending state with the old path while the Link navigated; seen %q", seen)
	}
	for _, s := range seen {
		if strings.HasPrefix(s, "pending|/notes/2") {
			t.Errorf("the path changed before the page showed: %q", seen)
		}
	}
	if got := p.JSText("#nav-link .link-state"); got != "Ideas" {
		t.Errorf("link state after the navigation = %q", got)
	}

	// router.push, with a non-ASCII dynamic segment and a query.
	p.Do(chromedp.Click(chromedp.CSS("#nav-push")))
	expect("push", state{"/tags/caf%C3%A9", "push", `{"tag":"café"}`, "idle"})
	if got := p.JSText("h1.tag"); got != "#café" {
		t.Errorf("after push, h1.tag = %q", got)
	}
	// back and forward.
	p.Do(chromedp.Click(chromedp.CSS("#nav-back")))
	expect("back", state{"/notes/2", "", `{"id":"2"}`, "idle"})
	p.Do(chromedp.Click(chromedp.CSS("#nav-forward")))
	expect("forward", state{"/tags/caf%C3%A9", "push", `{"tag":"café"}`, "idle"})

	// router.replace: a route group page (no params), the history entry
	// replaced; the app is pending meanwhile, but no Link is.
	length := testenv.Eval[float64](p, `history.length`)
	testenv.Eval[any](p, `window.__nav = []`)
	p.Do(chromedp.Click(chromedp.CSS("#nav-replace")))
	expect("replace", state{"/about", "", `{}`, "idle"})
	if got := testenv.Eval[float64](p, `history.length`); got != length {
		t.Errorf("replace changed history.length from %v to %v", length, got)
	}
	if seen := testenv.Eval[[]string](p, `window.__nav`); !contains(seen, "pending|/tags/caf%C3%A9|Ideas") {
		t.Errorf("no app-wide pending state during replace; seen %q", seen)
	}

	// refresh: fetches the page again, pending meanwhile.
	before := counter.get("/about")
	testenv.Eval[any](p, `window.__nav = []`)
	p.Do(chromedp.Click(chromedp.CSS("#nav-refresh")))
	testenv.WaitFor(t, "the refresh", func() bool { return counter.get("/about") == before+1 && p.JSText("#nav-pending") == "idle" })
	if seen := testenv.Eval[[]string](p, `window.__nav`); !contains(seen, "pending|/about|Ideas") {
		t.Errorf("no pending state during refresh; seen %q", seen)
	}

	// prefetch: fetched ahead, then used by the next navigation there.
	p.Do(chromedp.Click(chromedp.CSS("#nav-prefetch")))
	testenv.WaitFor(t, "the prefetch", func() bool { return counter.get("/") == 1 })
	testenv.Eval[any](p, `document.querySelector('nav a[href="/"]').click()`)
	expect("home", state{"/", "", `{}`, "idle"})
	if got := counter.get("/"); got != 1 {
		t.Errorf("the navigation fetched / again (%d fetches): the prefetch was not used", got)
	}

	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Fatal("a navigation reloaded the document")
	}
	p.ExpectNoMessages(true)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
