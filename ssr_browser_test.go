package gorsc_test

import (
	"context"
	"fmt"
	stdhtml "html"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/testenv"
)

// Server-rendered client components (issue 11), end to end: the client
// components of tools/react/testapp/components/SSR.tsx rendered into the
// first HTML by the app's engine, then hydrated by React in Chromium with
// React's production and development builds.

// greetState is the state of the useActionState form.
type greetState struct {
	Greeting string `json:"greeting"`
	Count    int    `json:"count"`
}

// greetAction is a useActionState action: the previous state, then the form.
var greetAction = gorsc.Action(func(ctx context.Context, prev greetState, form *gorsc.FormData) (greetState, error) {
	return greetState{Greeting: "Hello, " + form.Get("name"), Count: prev.Count + 1}, nil
})

func ssrClient(export string, props any, opts ...gorsc.Node) gorsc.Node {
	return gorsc.Client("components/SSR.tsx#"+export, props, opts...)
}

func ssrDocument(title string, body ...gorsc.Node) gorsc.Node {
	return html.HTML(html.Lang("en"),
		html.Head(html.Meta(html.CharSet("utf-8")), html.Title(html.Text(title)), html.Link(html.Rel("icon"), html.Href("data:,"))),
		html.Body(body...),
	)
}

// ssrPage holds every kind of client component the engine renders, and
// the ones it leaves to the browser.
func ssrPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	var items []gorsc.Node
	for i := range 30 {
		var kid gorsc.Node = html.Text(fmt.Sprint("item ", i))
		if i == 17 {
			kid = html.Div(html.Text("deep: "), ssrClient("IdList", map[string]any{"n": 12, "prefix": "deep"}))
		}
		items = append(items, html.Li(gorsc.Key(fmt.Sprint(i)), kid))
	}
	tabs := []map[string]string{
		{"value": "one", "label": "One", "body": "first panel"},
		{"value": "two", "label": "Two", "body": "second panel"},
		{"value": "three", "label": "Three", "body": "third panel"},
	}
	return ssrDocument("ssr",
		html.H1(html.Text("Server-rendered client components")),
		ssrClient("Outer", map[string]any{
			"title": "Nested",
			"children": html.P(html.Class("server-child"), html.Text("from a server component "),
				ssrClient("Inner", map[string]any{"label": "in-server-child"})),
		}),
		html.Ul(append([]gorsc.Node{html.Class("list")}, items...)...),
		ssrClient("IdList", map[string]any{"n": 5, "prefix": "top"}),
		ssrClient("Throws", map[string]any{"what": "database"}, gorsc.Fallback(html.P(html.Class("throws-fallback"), html.Text("loading…")))),
		ssrClient("ReadsWindow", nil),
		ssrClient("StoreCounter", map[string]any{"label": "a"}),
		ssrClient("StoreCounter", map[string]any{"label": "b"}),
		ssrClient("TabsDemo", map[string]any{"tabs": tabs}),
		ssrClient("Inner", map[string]any{"label": "client-only"}, gorsc.ClientOnly(), gorsc.Fallback(html.Span(html.Class("client-only-fallback"), html.Text("…")))),
	), nil
}

func greetPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	return ssrDocument("greet", ssrClient("GreetForm", map[string]any{"greet": greetAction})), nil
}

func newSSRApp(t *testing.T, dev bool) (*gorsc.App, *syncBuffer) {
	return newApp(t, func(app *gorsc.App) {
		app.Dir = "tools/react/testapp"
		app.Dev = dev
		// Budgets are for endless loops; a loaded test machine must not
		// turn a slow render into a fallback.
		app.SSR.Budget = 30 * time.Second
		app.Page("/ssr", ssrPage)
		app.Page("/greet", greetPage)
	})
}

// TestSSRFirstHTML checks the first HTML: every client component's markup
// but those that fail on a server (logged with a digest, the component and
// the path) and the ClientOnly one, which keep client-rendered boundaries
// with their fallbacks.
func TestSSRFirstHTML(t *testing.T) {
	app, logs := newSSRApp(t, false)
	srv := serve(t, app)
	doc := get(t, srv.URL+"/ssr")
	for _, want := range []string{
		`<section class="outer" data-id="_R_`,
		`<p class="server-child">from a server component <!--$--><span class="inner" data-label="in-server-child"`,
		`data-label="first"`, `data-label="second"`,
		`<ol class="idlist deep"><li class="row" data-id="_R_`,
		`<ol class="idlist top">`,
		`<!--$!--><template data-dgst=""></template><p class="throws-fallback">loading…</p><!--/$-->`,
		`<!--$!--><template data-dgst=""></template><!--/$-->`, // ReadsWindow
		`<button class="store a" type="button">a<!-- --> <!-- -->0</button>`,
		`role="tablist"`, `aria-controls="radix-_R_`,
		`<span class="client-only-fallback">…</span>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("the first HTML lacks %s", want)
		}
	}
	if n := strings.Count(doc, `<li class="row"`); n != 17 {
		t.Errorf("%d rows of IdLists in the first HTML, want 17", n)
	}
	for _, unwanted := range []string{`class="throws"`, `class="reads-window"`, `data-label="client-only"`} {
		if strings.Contains(doc, unwanted) {
			t.Errorf("the first HTML has %s", unwanted)
		}
	}
	log := logs.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`level=ERROR msg="gorsc: server rendering a client component failed; the browser renders it" digest=[0-9a-f]{12} component="client component components/SSR.tsx#Throws" path=/ssr err=".*no database on the server`),
		regexp.MustCompile(`level=ERROR msg="gorsc: server rendering a client component failed; the browser renders it" digest=[0-9a-f]{12} component="client component components/SSR.tsx#ReadsWindow" path=/ssr err=".*read \\"window\\"`),
	} {
		if !want.MatchString(log) {
			t.Errorf("the log lacks %s:\n%s", want, log)
		}
	}
	if n := strings.Count(log, "level=ERROR"); n != 2 {
		t.Errorf("%d errors logged, want 2:\n%s", n, log)
	}
}

// TestSSRDisabled: App.SSR.Disabled leaves every client component to the
// browser, as before.
func TestSSRDisabled(t *testing.T) {
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Dir = "tools/react/testapp"
		app.SSR.Disabled = true
		app.Page("/ssr", ssrPage)
	})
	doc := get(t, serve(t, app).URL+"/ssr")
	if strings.Contains(doc, `class="outer"`) || !strings.Contains(doc, `<!--$!--><template data-dgst=""></template><!--/$-->`) {
		t.Errorf("with SSR disabled, the first HTML has client components' markup")
	}
}

var dataIDs = regexp.MustCompile(`(?:data-id|aria-controls|aria-labelledby)="([^"]*)"`)

func TestSSRInChromium(t *testing.T) {
	for _, dev := range []bool{false, true} {
		name := "production"
		if dev {
			name = "development"
		}
		t.Run(name, func(t *testing.T) {
			app, _ := newSSRApp(t, dev)
			srv := serve(t, app)
			b := testenv.NewBrowser(t)

			// JavaScript off: the markup is there.
			off := b.NewPage(false)
			off.Do(chromedp.Navigate(srv.URL + "/ssr"))
			for sel, want := range map[string]int{
				".outer .inner button": 3, ".idlist.deep li": 12, ".idlist.top li": 5, "[role=tab]": 3,
				"button.store": 2, ".throws-fallback": 1, ".reads-window": 0, ".client-only-fallback": 1,
			} {
				if n := off.NodeCount(sel); n != want {
					t.Errorf("JavaScript off: %d of %s, want %d", n, sel, want)
				}
			}
			off.ExpectNoMessages(false)

			// JavaScript on: React hydrates the server's markup; the ids the
			// browser computes are the server's.
			serverIDs := dataIDs.FindAllStringSubmatch(get(t, srv.URL+"/ssr"), -1)
			p := b.NewPage(true)
			p.Do(chromedp.Navigate(srv.URL + "/ssr"))
			testenv.WaitFor(t, "hydration", func() bool {
				return p.Hydrated(".outer button") && p.Hydrated("[role=tab]") && p.Hydrated("button.store.b") &&
					p.NodeCount("p.throws") == 1 && p.NodeCount(".reads-window") == 1 && p.NodeCount(`.inner[data-label="client-only"]`) == 1
			})
			var want []string
			for _, m := range serverIDs {
				want = append(want, m[1])
			}
			got := testenv.Eval[[]string](p, `[...document.querySelectorAll("[data-id],[aria-controls],[aria-labelledby]")].filter(e => !e.closest(".inner[data-label='client-only']")).flatMap(e => ["data-id","aria-controls","aria-labelledby"].filter(a => e.hasAttribute(a)).map(a => e.getAttribute(a)))`)
			if !slices.Equal(got, want) || len(want) < 25 {
				t.Errorf("ids after hydration differ from the server's:\n got %v\nwant %v", got, want)
			}
			for _, id := range want {
				if !strings.HasPrefix(id, "_R_") && !strings.HasPrefix(id, "radix-_R_") {
					t.Errorf("id %q is not a server id", id)
				}
			}

			// Interactive.
			p.Do(chromedp.Click(chromedp.CSS(`.inner[data-label="first"] button`)))
			testenv.WaitFor(t, "the counter", func() bool { return p.JSText(`.inner[data-label="first"] button`) == "first: 1" })
			p.Do(chromedp.Click(chromedp.CSS(`button.store.a`)))
			testenv.WaitFor(t, "the store", func() bool { return p.JSText("button.store.b") == "b 1" })
			p.Do(chromedp.Click(chromedp.CSS(`[role=tab]:nth-child(2)`)))
			testenv.WaitFor(t, "the second tab", func() bool { return p.JSText(`[role=tabpanel][data-state=active]`) == "second panel" })

			for _, m := range p.Messages(true) {
				if strings.HasSuffix(m.URL, "/favicon.ico") || dev && strings.Contains(m.Text, "Download the React DevTools") {
					continue // React's development build advertises DevTools once
				}
				t.Errorf("browser logged %s (%s)", m.String(), m.URL)
			}
		})
	}
}

// TestSSRUseActionState posts a useActionState form bound to a Go action
// (func(ctx, prev State, form) (State, error)) without JavaScript — the
// answer is the page with the action's state — and with it; and hydrates
// a page answering a post made without React (React's formState).
func TestSSRUseActionState(t *testing.T) {
	app, _ := newSSRApp(t, false)
	srv := serve(t, app)
	b := testenv.NewBrowser(t)
	submit := func(p *testenv.Page, name, want string) {
		t.Helper()
		p.Do(chromedp.SetValue(chromedp.CSS("form.greet input[name=name]"), name))
		p.Do(chromedp.Click(chromedp.CSS("form.greet button")))
		waitUntil(t, p, want, func() bool { return textOf(p, "form.greet .state") == want })
	}

	t.Run("JavaScript off", func(t *testing.T) {
		p := b.NewPage(false)
		p.Do(chromedp.Navigate(srv.URL + "/greet"))
		if got := p.Text("form.greet .state"); got != "nobody yet (0)" {
			t.Fatalf("initial state %q", got)
		}
		submit(p, "Ann", "Hello, Ann (1)")
		submit(p, "Bob", "Hello, Bob (2)") // the previous state came back with the form
		if u := location(t, p); !strings.HasSuffix(u, "/greet") {
			t.Errorf("location %s", u)
		}
		p.ExpectNoMessages(false)
	})

	t.Run("JavaScript on", func(t *testing.T) {
		p := b.NewPage(true)
		p.Do(chromedp.Navigate(srv.URL + "/greet"))
		testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("form.greet button") })
		submit(p, "Ann", "Hello, Ann (1)")
		submit(p, "Bob", "Hello, Bob (2)")
		quietConsole(t, p, true)
	})

	t.Run("formState hydrates", func(t *testing.T) {
		p := b.NewPage(true)
		p.Do(chromedp.Navigate(srv.URL + "/greet"))
		testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("form.greet button") })
		// A post React does not see (form.submit() fires no submit event),
		// as a browser without JavaScript makes it; its answer is a new
		// document, which hydrates with the formState it was rendered with.
		p.Do(chromedp.SetValue(chromedp.CSS("form.greet input[name=name]"), "Cy"))
		testenv.Eval[any](p, `HTMLFormElement.prototype.submit.call(document.querySelector("form.greet")), null`)
		waitUntil(t, p, "the posted state", func() bool {
			return textOf(p, "form.greet .state") == "Hello, Cy (1)" && p.Hydrated("form.greet button")
		})
		if n := testenv.Eval[int](p, `[...document.querySelectorAll("script")].filter(s => s.textContent.startsWith("self.__gorsc_fs=")).length`); n != 1 {
			t.Errorf("%d formState scripts", n)
		}
		// React took the hook's state from the formState: the next call
		// gets it as the previous state.
		time.Sleep(50 * time.Millisecond)
		submit(p, "Dee", "Hello, Dee (2)")
		quietConsole(t, p, true)
	})
}

// The same page served by a handler test double, without the browser: a
// post without JavaScript from a useActionState form answers 200 with the
// page, not 303.
func TestSSRUseActionStateAnswer(t *testing.T) {
	app, _ := newSSRApp(t, false)
	doc := httptest.NewRecorder()
	app.ServeHTTP(doc, httptest.NewRequest("GET", "/greet", nil))
	var fields [][2]string
	for _, m := range regexp.MustCompile(`<input type="hidden" name="([^"]*)"(?: value="([^"]*)")?/>`).FindAllStringSubmatch(doc.Body.String(), -1) {
		fields = append(fields, [2]string{m[1], stdhtml.UnescapeString(m[2])})
	}
	if len(fields) != 4 || !slices.ContainsFunc(fields, func(f [2]string) bool { return f[0] == "$ACTION_KEY" }) {
		t.Fatalf("the form's hidden fields: %v", fields)
	}
	fields = append(fields, [2]string{"name", "Eve"})
	body, ctype := multipartBody(t, fields)
	req := httptest.NewRequest("POST", "/greet", body)
	req.Header.Set("Content-Type", ctype)
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<!--F!-->`) || !strings.Contains(rec.Body.String(), "Hello, Eve<!-- --> (<!-- -->1<!-- -->)") {
		t.Errorf("answer %d:\n%s", rec.Code, rec.Body.String())
	}
}

// TestCloseReleasesServerRendering: App.Close releases the server-rendering
// VMs; the app still answers, with its client components left to the
// browser and nothing logged as an error. Serve closes the app when it
// returns.
func TestCloseReleasesServerRendering(t *testing.T) {
	app, logs := newSSRApp(t, false)
	srv := serve(t, app)
	if doc := get(t, srv.URL+"/ssr"); !strings.Contains(doc, `class="outer"`) {
		t.Fatal("the first HTML before Close lacks the server-rendered Outer")
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	doc := get(t, srv.URL+"/ssr")
	if strings.Contains(doc, `class="outer"`) || !strings.Contains(doc, `<!--$!--><template data-dgst=""></template><!--/$-->`) {
		t.Error("after Close, client components are still server-rendered")
	}
	if strings.Contains(logs.String(), "engine is closed") {
		t.Errorf("after Close, renders failed on the closed engine:\n%s", logs)
	}

	app2, _ := newSSRApp(t, false)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- app2.Serve(ctx, ln) }()
	if doc := get(t, "http://"+ln.Addr().String()+"/ssr"); !strings.Contains(doc, `class="outer"`) {
		t.Fatal("Serve's first HTML lacks the server-rendered Outer")
	}
	stop()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	app2.ServeHTTP(rec, httptest.NewRequest("GET", "/ssr", nil))
	if strings.Contains(rec.Body.String(), `class="outer"`) {
		t.Error("after Serve returned, the app still server-renders: it was not closed")
	}
}
