package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/testenv"
)

// Browser tests of the runtime's answers to faults (issue 12, items 6–11):
// failed actions, version skew, stale answers, redirect targets,
// fragment-only navigations and every byte value in the inline Flight of a
// first load. The pages under /lab are added to the notes app here; their
// client components are in components/Probe.tsx.

// lab drives the faults: its middleware counts requests and can answer
// action calls the way a proxy, a limit or a restarted server would.
type lab struct {
	mu      sync.Mutex
	force   int           // answer action calls with this status, as plain text
	skew    bool          // rename the called action, as a deploy would
	hold    chan struct{} // action calls wait until it is closed
	held    int           // action calls that reached hold
	done    int           // action calls answered
	docs    map[string]int
	flights map[string]int
}

func (l *lab) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		switch {
		case r.Method == http.MethodGet && r.Header.Get("RSC") == "1":
			l.flights[r.URL.Path]++
		case r.Method == http.MethodGet:
			l.docs[r.URL.Path]++
		}
		force, skew, hold := l.force, l.skew, l.hold
		action := r.Method == http.MethodPost && r.Header.Get("Gorsc-Action") != ""
		if action && hold != nil {
			l.held++
		}
		l.mu.Unlock()
		if !action {
			next.ServeHTTP(w, r)
			return
		}
		if hold != nil {
			select {
			case <-hold:
			case <-r.Context().Done():
				return
			}
		}
		switch {
		case force != 0:
			http.Error(w, fmt.Sprintf("lab: answered %d by a proxy", force), force)
		case skew:
			r.Header.Set("Gorsc-Action", "renamed-by-a-deploy")
			next.ServeHTTP(w, r)
		default:
			next.ServeHTTP(w, r)
		}
		l.mu.Lock()
		l.done++
		l.mu.Unlock()
	})
}

func (l *lab) set(f func(l *lab)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f(l)
}

func (l *lab) get(f func(l *lab) int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return f(l)
}

var labEcho = gorsc.Action(func(ctx context.Context, s string) (int, error) { return len(s), nil })

var labFail = gorsc.Action(func(ctx context.Context, s string) error { return errors.New("lab: the store is down") })

var labFailForm = gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
	return errors.New("lab: the store is down")
})

var labStateFail = gorsc.Action(func(ctx context.Context, prev string, form *gorsc.FormData) (string, error) {
	return "", errors.New("lab: the store is down")
})

var labRedirect = gorsc.Action(func(ctx context.Context, to string) error { return gorsc.Redirect(to) })

var labTouch = gorsc.Action(func(ctx context.Context, path string) error {
	gorsc.RevalidatePath(ctx, path)
	return nil
})

// labMaxActionBytes is the action body limit of the lab app.
const labMaxActionBytes = 2048

func call(id string, act *gorsc.ServerAction, arg any) gorsc.Node {
	return gorsc.Client("components/Probe.tsx#Call", map[string]any{"id": id, "act": act, "arg": arg})
}

// labBytes is a []byte prop in valid UTF-8 (so the inline transport keeps
// it as text) with a zero byte and every character that means something
// to a script, a template literal or the HTML parser.
var labBytes = []byte("\x00a\x00\r\n\r<\x2fscript><!--`${x}\\\u2028\ufeff\x00")

// labText is a string prop of 1,024+ characters (a length-prefixed text
// row) holding every ASCII code point, NUL first.
var labText = func() string {
	var b strings.Builder
	for b.Len() < 1100 {
		for c := 0; c < 0x80; c++ {
			b.WriteByte(byte(c))
		}
		b.WriteString("é漢🎉\u2028\u2029\ufeff\ufffd</script>${`}")
	}
	return b.String()
}()

// allBytes holds every byte value (not UTF-8: the transport sends it in base64).
var allBytes = func() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}()

// bytesProbe shows data and labText; key makes a navigation mount it anew.
func bytesProbe(id string, data []byte, key string) gorsc.Node {
	return gorsc.Client("components/Probe.tsx#Bytes", map[string]any{"id": id, "data": data, "text": labText}, gorsc.Key(key))
}

func startLab(t *testing.T) (*lab, *httptest.Server) {
	t.Helper()
	testenv.NodeModules(t, "examples/notes")
	l := &lab{docs: map[string]int{}, flights: map[string]int{}}
	app := NewApp(".")
	app.Secret = []byte("lab")
	app.MaxActionBytes = labMaxActionBytes
	app.Use(l.middleware)
	page := func(n gorsc.Node) gorsc.PageFunc {
		return func(ctx context.Context, r *http.Request) (gorsc.Node, error) { return n, nil }
	}
	app.Page("/lab/actions", page(html.Div(html.Class("lab"),
		call("echo", labEcho, "hi"),
		call("big", labEcho, strings.Repeat("x", 2*labMaxActionBytes)),
		call("fail", labFail, "x"),
		call("touch", labTouch, "/lab/actions"),
		call("redirect-js", labRedirect, "javascript:window.__pwned='action'"),
		call("redirect-cafe", labRedirect, "/tags/café"),
		gorsc.Client("components/Probe.tsx#Push", map[string]any{"id": "push-js", "href": "javascript:window.__pwned='push'"}),
		gorsc.Link("javascript:window.__pwned='link'", html.ID("link-js"), html.Text("a javascript: Link")),
		gorsc.Link("/lab/evil-redirect", html.ID("link-evil"), html.Text("a page that redirects to javascript:")),
		gorsc.ErrorBoundary(html.P(html.Class("caught-form"), html.Text("The form failed.")),
			html.Form(html.ID("form-fail"), html.Action(labFailForm), html.Button(html.Type("submit"), html.Text("fail")))),
		gorsc.ErrorBoundary(html.P(html.Class("caught-state"), html.Text("The state form failed.")),
			gorsc.Client("components/Probe.tsx#StateForm", map[string]any{"id": "state", "act": labStateFail})),
	)))
	app.Page("/lab/evil-redirect", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return nil, gorsc.Redirect("javascript:window.__pwned='page'")
	})
	app.Page("/lab/uncaught", page(html.Form(html.ID("boom"), html.Action(labFailForm), html.Button(html.Type("submit"), html.Text("fail")))))
	app.Page("/lab/stream-fail", page(html.Div(html.P(html.Class("before"), html.Text("Before the boundary.")),
		gorsc.Suspense(html.P(html.Class("waiting"), html.Text("Waiting…")), gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
			time.Sleep(50 * time.Millisecond)
			return nil, errors.New("lab: the streamed part failed")
		})))))
	spacer := html.Div(html.Style(map[string]any{"height": 3000}))
	app.Page("/lab/long", page(html.Div(
		html.P(html.A(html.ID("plain-far"), html.Href("#far"), html.Text("plain")), html.Text(" "),
			gorsc.Link("#far", html.ID("link-far"), html.Text("Link")), html.Text(" "),
			gorsc.Client("components/Probe.tsx#Push", map[string]any{"id": "push-far", "href": "#far"})),
		spacer, html.H2(html.ID("far"), html.Text("Far")), spacer)))
	// Two pages: one chunk of rows that is not UTF-8 goes in base64, so
	// the UTF-8 probes (sent as text) get a page of their own.
	for name, data := range map[string][]byte{"utf8": labBytes, "all": allBytes} {
		app.Page("/lab/bytes/"+name, func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			k := r.URL.RawQuery
			return html.Div(
				bytesProbe("shell", data, k),
				gorsc.Suspense(html.P(html.Text("…")), gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
					time.Sleep(20 * time.Millisecond) // after the shell: a later inline script
					return bytesProbe("late", data, k), nil
				})),
				gorsc.Link("/lab/bytes/"+name+"?again", html.ID("again"), html.Text("again")),
			), nil
		})
	}
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return l, srv
}

// open loads path and waits until React has hydrated sel; it marks the
// document, so sameDocument can tell a reload.
func open(t *testing.T, p *testenv.Page, url, sel string) {
	t.Helper()
	p.Do(chromedp.Navigate(url))
	testenv.WaitFor(t, "hydration of "+sel, func() bool { return p.Hydrated(sel) })
	testenv.Eval[any](p, `window.__doc = 1`)
}

func sameDocument(t *testing.T, p *testenv.Page, what string) {
	t.Helper()
	if testenv.Eval[any](p, `window.__doc`) == nil {
		t.Errorf("%s reloaded the document", what)
	}
}

// notBlank fails unless the document still shows the app (its nav) or
// the default error UI.
func notBlank(t *testing.T, p *testenv.Page, what string) {
	t.Helper()
	if p.NodeCount("nav a") == 0 && p.NodeCount("[data-gorsc-global-error]") == 0 {
		t.Errorf("%s left a blank document: %q", what, testenv.Eval[string](p, `document.documentElement.outerHTML.slice(0, 400)`))
	}
}

// A failed action never blanks the page: an answer that is not Flight
// becomes an Error with its status and text, a failure reaches the
// caller's promise or the nearest error boundary, and with no boundary
// the default error UI offers a reload.
func TestBrowserFailedActionNeverBlanksPage(t *testing.T) {
	l, srv := startLab(t)
	p := testenv.NewBrowser(t).NewPage(true)
	open(t, p, srv.URL+"/lab/actions", "#echo")

	out := func(id string) string { return p.JSText("#" + id + "-out") }
	settled := func(id string) func() bool {
		return func() bool { o := out(id); return o != "" && o != "calling" }
	}
	// Plain-text answers from a proxy or a check before the action.
	for _, status := range []int{403, 400, 404, 502} {
		l.set(func(l *lab) { l.force = status })
		p.Do(chromedp.Click(chromedp.CSS("#echo")))
		testenv.WaitFor(t, fmt.Sprintf("the %d answer", status), settled("echo"))
		if want := fmt.Sprintf("error %d: ", status); !strings.HasPrefix(out("echo"), want) || !strings.Contains(out("echo"), fmt.Sprintf("lab: answered %d by a proxy", status)) {
			t.Errorf("a %d answer: the caller saw %q, want an Error with the status and the answer's text", status, out("echo"))
		}
		notBlank(t, p, fmt.Sprintf("a %d answer", status))
	}
	l.set(func(l *lab) { l.force = 0 })
	p.Do(chromedp.Click(chromedp.CSS("#echo")))
	testenv.WaitFor(t, "the echo", func() bool { return out("echo") == "ok: 2" })

	// The server's own limit (413, plain text).
	p.Do(chromedp.Click(chromedp.CSS("#big")))
	testenv.WaitFor(t, "the 413 answer", settled("big"))
	if !strings.HasPrefix(out("big"), "error 413: ") {
		t.Errorf("a body over the limit: the caller saw %q, want error 413", out("big"))
	}
	// An action that returns an error: a Flight error row, status 500.
	p.Do(chromedp.Click(chromedp.CSS("#fail")))
	testenv.WaitFor(t, "the failure", settled("fail"))
	if !strings.HasPrefix(out("fail"), "error 500: ") {
		t.Errorf("a failing action: the caller saw %q, want error 500", out("fail"))
	}
	notBlank(t, p, "a failing action")

	// A form's failure reaches the nearest error boundary, with the digest.
	p.Do(chromedp.Click(chromedp.CSS("#form-fail button")))
	testenv.WaitFor(t, "the form's error boundary", func() bool { return p.NodeCount("[data-gorsc-error] p.caught-form") == 1 })
	if d := testenv.Eval[string](p, `document.querySelector("[data-gorsc-error]").dataset.digest`); d == "" {
		t.Error("the error boundary shows no digest")
	}
	// useActionState hands a non-Flight answer to the boundary too.
	l.set(func(l *lab) { l.force = 413 })
	p.Do(chromedp.Click(chromedp.CSS("#state button")))
	testenv.WaitFor(t, "the state form's error boundary", func() bool { return p.NodeCount("[data-gorsc-error] p.caught-state") == 1 })
	l.set(func(l *lab) { l.force = 0 })
	notBlank(t, p, "the boundaries")
	sameDocument(t, p, "a failed action")

	// No boundary at all: the default error UI, whose button reloads.
	open(t, p, srv.URL+"/lab/uncaught", "#boom")
	p.Do(chromedp.Click(chromedp.CSS("#boom button")))
	testenv.WaitFor(t, "the default error UI", func() bool { return p.NodeCount("[data-gorsc-global-error] button") == 1 })
	notBlank(t, p, "an uncaught action error")
	docs := l.get(func(l *lab) int { return l.docs["/lab/uncaught"] })
	p.Do(chromedp.Click(chromedp.CSS("[data-gorsc-global-error] button")))
	testenv.WaitFor(t, "the reloaded page", func() bool {
		return l.get(func(l *lab) int { return l.docs["/lab/uncaught"] }) == docs+1 && p.Hydrated("#boom")
	})

	// A streamed boundary that fails with no error boundary above it.
	p.Do(chromedp.Navigate(srv.URL + "/lab/stream-fail"))
	testenv.WaitFor(t, "the default error UI after a failed stream", func() bool { return p.NodeCount("[data-gorsc-global-error]") == 1 })
	notBlank(t, p, "a failed streamed boundary")
}

// After a deploy renames an action (or a restart without a fixed secret),
// the server answers 404 with Gorsc-Action-Not-Found: the runtime reloads
// the page once, and not again in a loop.
func TestBrowserVersionSkewReloadsOnce(t *testing.T) {
	l, srv := startLab(t)
	p := testenv.NewBrowser(t).NewPage(true)
	open(t, p, srv.URL+"/lab/actions", "#echo")
	docs := func() int { return l.get(func(l *lab) int { return l.docs["/lab/actions"] }) }
	if docs() != 1 {
		t.Fatalf("%d document loads before the call", docs())
	}
	l.set(func(l *lab) { l.skew = true })
	p.Do(chromedp.Click(chromedp.CSS("#echo")))
	testenv.WaitFor(t, "the reload", func() bool {
		return docs() == 2 && testenv.Eval[any](p, `window.__doc`) == nil && p.Hydrated("#echo")
	})
	if got := testenv.Eval[string](p, `location.pathname`); got != "/lab/actions" {
		t.Errorf("reloaded %s, want the current URL", got)
	}
	// The reloaded page is still skewed (the action is really gone): no
	// second reload, the caller gets the error.
	testenv.Eval[any](p, `window.__doc = 1`)
	p.Do(chromedp.Click(chromedp.CSS("#echo")))
	testenv.WaitFor(t, "the error", func() bool { return strings.HasPrefix(p.JSText("#echo-out"), "error 404: ") })
	if docs() != 2 {
		t.Errorf("%d document loads: the runtime reloaded again", docs())
	}
	sameDocument(t, p, "a second unknown action")
}

// An answer that arrives after a newer navigation started is dropped:
// the page the user went to stays, whether the action came from a form
// (a transition) or a click handler.
func TestBrowserStaleAnswerDoesNotOverrideNavigation(t *testing.T) {
	l, srv := startLab(t)
	p := testenv.NewBrowser(t).NewPage(true)
	release := func() {
		hold := make(chan struct{})
		l.set(func(l *lab) { l.hold, l.held, l.done = hold, 0, 0 })
	}
	waitHeld := func() {
		testenv.WaitFor(t, "the held action", func() bool { return l.get(func(l *lab) int { return l.held }) == 1 })
	}
	unhold := func() {
		l.set(func(l *lab) { close(l.hold); l.hold = nil })
		testenv.WaitFor(t, "the action's answer", func() bool { return l.get(func(l *lab) int { return l.done }) == 1 })
	}

	// From a form: the Like of note 1, then a click to note 2.
	open(t, p, srv.URL+"/notes/1", "button.like")
	release()
	p.Do(chromedp.Click(chromedp.CSS("button.like")))
	waitHeld()
	testenv.Eval[any](p, `document.querySelector('aside a[href="/notes/2"]').click()`)
	testenv.WaitFor(t, "the URL of note 2", func() bool { return testenv.Read[string](p, `location.pathname`) == "/notes/2" })
	unhold()
	testenv.WaitFor(t, "note 2 after the stale answer", func() bool { return p.JSText("article h2") == "Ideas" })
	settle(p)
	if got := p.JSText("article h2"); got != "Ideas" {
		t.Errorf("the form action's stale answer replaced note 2 with %q", got)
	}
	sameDocument(t, p, "the form case")

	// From a click handler: the new page must not flip back.
	open(t, p, srv.URL+"/lab/actions", "#touch")
	release()
	p.Do(chromedp.Click(chromedp.CSS("#touch")))
	waitHeld()
	testenv.Eval[any](p, `document.querySelector('nav a[href="/about"]').click()`)
	testenv.WaitFor(t, "the about page", func() bool { return p.JSText("p.about") != "" })
	unhold()
	settle(p)
	if p.JSText("p.about") == "" || testenv.Eval[string](p, `location.pathname`) != "/about" {
		t.Errorf("the click handler's stale answer replaced the about page (at %s)", testenv.Eval[string](p, `location.pathname`))
	}
	sameDocument(t, p, "the click case")
}

// settle lets the page finish what it is doing: pending fetches answered
// by the server are read, and React commits.
func settle(p *testenv.Page) {
	testenv.Eval[any](p, `new Promise((r) => setTimeout(r, 300)).then(() => new Promise(requestAnimationFrame))`)
}

// Only http(s) URLs become navigations: a javascript: target from an
// action's redirect, a page's redirect, router.push or a Link is refused
// with a console error; a non-ASCII redirect target lands on its UTF-8
// percent-encoding.
func TestBrowserRedirectTargetsAreSafe(t *testing.T) {
	_, srv := startLab(t)
	p := testenv.NewBrowser(t).NewPage(true)
	open(t, p, srv.URL+"/lab/actions", "#redirect-js")

	refused := func(what, click string) {
		t.Helper()
		testenv.Eval[any](p, click)
		testenv.WaitFor(t, what+" refused", func() bool {
			for _, m := range p.Messages(true) {
				// The runtime refuses the navigation, or the server already
				// refused to redirect there (500, see gorsc's
				// TestRedirectTargetsAreSafe).
				if strings.Contains(m.Text, "gorsc: refused to navigate to javascript:") || strings.Contains(m.Text, "500") {
					return true
				}
			}
			return false
		})
		settle(p)
		if v := testenv.Eval[any](p, `window.__pwned`); v != nil {
			t.Errorf("%s ran script (%v)", what, v)
		}
		if got := testenv.Eval[string](p, `location.pathname`); got != "/lab/actions" {
			t.Errorf("%s went to %s", what, got)
		}
		open(t, p, srv.URL+"/lab/actions", "#redirect-js") // a fresh console
	}
	refused("an action's redirect", `document.querySelector("#redirect-js").click()`)
	refused("router.push", `document.querySelector("#push-js").click()`)
	refused("a Link", `document.querySelector("#link-js").click()`)
	// The server refuses the page's redirect (500): the router loads that
	// error page as a document; no script runs.
	testenv.Eval[any](p, `document.querySelector("#link-evil").click()`)
	testenv.WaitFor(t, "the refused page redirect", func() bool {
		return testenv.Read[string](p, `location.pathname + document.readyState`) == "/lab/evil-redirectcomplete"
	})
	if v := testenv.Eval[any](p, `window.__pwned`); v != nil {
		t.Errorf("a page's redirect ran script (%v)", v)
	}
	open(t, p, srv.URL+"/lab/actions", "#redirect-js")

	p.Do(chromedp.Click(chromedp.CSS("#redirect-cafe")))
	testenv.WaitFor(t, "the tag page", func() bool { return p.JSText("h1.tag") == "#café" })
	if got := testenv.Eval[string](p, `location.pathname`); got != "/tags/caf%C3%A9" {
		t.Errorf("the redirect to /tags/café landed on %s", got)
	}
	sameDocument(t, p, "the redirect")
}

// Fragment-only navigations belong to the browser: no fetch, and Back
// returns to where the user was.
func TestBrowserFragmentNavigationStaysInDocument(t *testing.T) {
	l, srv := startLab(t)
	p := testenv.NewBrowser(t).NewPage(true)
	open(t, p, srv.URL+"/lab/long", "#link-far")
	scrollY := func() float64 { return testenv.Eval[float64](p, `window.scrollY`) }
	for _, id := range []string{"plain-far", "link-far", "push-far"} {
		testenv.Eval[any](p, `window.scrollTo(0, 700)`)
		testenv.WaitFor(t, "the scroll", func() bool { return scrollY() == 700 })
		testenv.Eval[any](p, `document.querySelector("#`+id+`").click()`)
		testenv.WaitFor(t, id+": the fragment", func() bool {
			return testenv.Eval[string](p, `location.hash`) == "#far" &&
				testenv.Eval[bool](p, `Math.abs(document.querySelector("#far").getBoundingClientRect().top) < 2`)
		})
		testenv.Eval[any](p, `history.back()`)
		testenv.WaitFor(t, id+": back", func() bool { return testenv.Read[string](p, `location.hash`) == "" })
		settle(p)
		if y := scrollY(); y != 700 {
			t.Errorf("%s: after Back the page is scrolled to %v, want 700 where it was", id, y)
		}
		if n := l.get(func(l *lab) int { return l.flights["/lab/long"] }); n != 0 {
			t.Errorf("%s: the page was fetched %d times", id, n)
		}
		sameDocument(t, p, id)
	}
}

// Every byte value survives the inline Flight of a first load (in the
// shell and in a streamed boundary) and a client navigation: a []byte in
// UTF-8 with zero bytes, one with all 256 values, and a 1,024+ character
// string with every ASCII code point, NUL first.
func TestBrowserInlineFlightCarriesEveryByte(t *testing.T) {
	_, srv := startLab(t)
	p := testenv.NewBrowser(t).NewPage(true)
	join := func(b []byte) string {
		s := make([]string, len(b))
		for i, c := range b {
			s[i] = fmt.Sprint(c)
		}
		return strings.Join(s, ",")
	}
	var units []string
	for _, u := range utf16.Encode([]rune(labText)) {
		units = append(units, fmt.Sprintf("%x", u))
	}
	wantText := strings.Join(units, " ")
	for name, data := range map[string][]byte{"utf8": labBytes, "all": allBytes} {
		check := func(when string) {
			t.Helper()
			for _, id := range []string{"shell", "late"} {
				testenv.WaitFor(t, when+": "+id, func() bool {
					return testenv.Eval[bool](p, `(e => e != null && !e.__seen)(document.querySelector("#`+id+`"))`)
				})
				if got, want := p.JSText("#"+id+" .data"), join(data); got != want {
					t.Errorf("%s: %s: the []byte arrived as\n%s\nwant\n%s", when, id, got, want)
				}
				if got := p.JSText("#" + id + " .text"); got != wantText {
					t.Errorf("%s: %s: the string arrived as\n%.300s…\nwant\n%.300s…", when, id, got, wantText)
				}
			}
		}
		open(t, p, srv.URL+"/lab/bytes/"+name, "#again")
		check(name + ", first load")
		testenv.Eval[any](p, `document.querySelectorAll("#shell, #late").forEach((e) => (e.__seen = 1))`)
		testenv.Eval[any](p, `document.querySelector("#again").click()`)
		testenv.WaitFor(t, "the navigation", func() bool { return testenv.Read[string](p, `location.search`) == "?again" })
		check(name + ", client navigation")
		sameDocument(t, p, "the navigation")
		p.ExpectNoMessages(true)
	}
}
