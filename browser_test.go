package gorsc_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/testenv"
)

type greeting struct {
	Text string `json:"text"`
	N    int    `json:"n"`
}

var greet = gorsc.Action(func(ctx context.Context, salutation, name string) (greeting, error) {
	return greeting{Text: salutation + ", " + name + "!", N: len(name)}, nil
})

type greeterProps struct {
	Greet    *gorsc.ServerAction `json:"greet"`
	Name     string              `json:"name"`
	Children gorsc.Node          `json:"children"`
}

// fixtureServer serves one page of the tools/react/testapp fixture (whose
// client components resolve React from tools/react): a document whose
// body holds what body returns. setup may set fields of the app.
func fixtureServer(t *testing.T, setup func(*gorsc.App), body func(ctx context.Context) (gorsc.Node, error)) (*httptest.Server, *syncBuffer) {
	t.Helper()
	app, logs := newApp(t, func(app *gorsc.App) {
		app.Dir = "tools/react/testapp"
		if setup != nil {
			setup(app)
		}
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			b, err := body(ctx)
			if err != nil {
				return nil, err
			}
			return html.HTML(
				html.Head(html.Meta(html.CharSet("utf-8")), html.Link(html.Rel("icon"), html.Href("data:,"))),
				html.Body(b),
			), nil
		})
	})
	return serve(t, app), logs
}

// A client component gets a bound server action, data and server-rendered
// children as props; calling the action from the browser returns a Go
// struct.
func TestBrowserActionAsClientProp(t *testing.T) {
	srv, _ := fixtureServer(t, nil, func(ctx context.Context) (gorsc.Node, error) {
		return gorsc.Group(
			html.H1(html.Text("Props")),
			gorsc.Client("components/Greeter.tsx#Greeter", greeterProps{
				Greet:    greet.Bind("Hello"),
				Name:     "Gopher",
				Children: html.Em(html.Class("from-server"), html.Text("server child")),
			}),
		), nil
	})

	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	p.Do(chromedp.WaitVisible(chromedp.CSS(".greeter em.from-server")))
	p.Do(chromedp.Click(chromedp.CSS(".greeter button")))
	deadline := time.Now().Add(10 * time.Second)
	for p.Text(".greeter output") != "Hello, Gopher! (6)" {
		if time.Now().After(deadline) {
			t.Fatalf("output = %q, want the action's answer", p.Text(".greeter output"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, m := range p.Messages(true) {
		t.Errorf("browser logged %s", m.String())
	}
}

// A component that fails inside a Suspense boundary reaches the nearest
// ErrorBoundary in the browser, with the digest the server logged.
func TestBrowserErrorBoundaryShowsDigest(t *testing.T) {
	srv, logs := fixtureServer(t, nil, func(ctx context.Context) (gorsc.Node, error) {
		failing := gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
			time.Sleep(5 * time.Millisecond)
			return nil, errors.New("the database is down")
		})
		return gorsc.Group(
			html.H1(html.Text("Errors")),
			gorsc.ErrorBoundary(html.P(html.Class("oops"), html.Text("Something went wrong.")),
				html.Section(gorsc.Suspense(html.P(html.Text("Loading…")), failing)),
			),
		), nil
	})

	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	p.Do(chromedp.WaitVisible(chromedp.CSS("[data-gorsc-error] p.oops")))
	digest := testenv.Eval[string](p, `document.querySelector("[data-gorsc-error]").dataset.digest`)
	if digest == "" || !strings.Contains(logs.String(), "digest="+digest) {
		t.Errorf("error UI digest %q is not the logged one:\n%s", digest, logs.String())
	}
	if testenv.Eval[string](p, `document.querySelector("h1").textContent`) != "Errors" {
		t.Error("the page outside the error boundary is gone")
	}
	for _, m := range p.Messages(true) {
		if strings.Contains(m.Text, "the database is down") {
			t.Errorf("the error's message reached the browser: %s", m.Text)
		}
	}
}

// Binary props that are not UTF-8 survive the first load's inline Flight.
func TestBrowserBinaryPropInline(t *testing.T) {
	srv, _ := fixtureServer(t, nil, func(ctx context.Context) (gorsc.Node, error) {
		return gorsc.Client("components/Bytes.tsx#Bytes", map[string]any{"data": []byte{0, 0xff, 0xfe, '\n', ':', 0x80, 65}}), nil
	})
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	p.Do(chromedp.WaitVisible(chromedp.CSS("output.bytes")))
	if got := p.JSText("output.bytes"); got != "Uint8Array:0,255,254,10,58,128,65" {
		t.Errorf("bytes = %q", got)
	}
	p.ExpectNoMessages(true)
}

// In Dev mode the browser runs React's development builds, which check
// far more (keys, nesting, hydration details): a page with a list, a
// client component and an action still logs nothing.
func TestBrowserDevModeIsClean(t *testing.T) {
	srv, _ := fixtureServer(t, func(app *gorsc.App) { app.Dev = true }, func(ctx context.Context) (gorsc.Node, error) {
		items := []string{"a", "b", "c"}
		return gorsc.Group(
			html.Ul(gorsc.Map(items, func(s string) gorsc.Node { return html.Li(gorsc.Key(s), html.Text(s)) })),
			gorsc.Client("components/Greeter.tsx#Greeter", greeterProps{Greet: greet.Bind("Hi"), Name: "Dev", Children: html.Em(html.Text("child"))}),
		), nil
	})
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	p.Do(chromedp.WaitVisible(chromedp.CSS(".greeter em")))
	p.Do(chromedp.Click(chromedp.CSS(".greeter button")))
	testenv.WaitFor(t, "the action's answer", func() bool { return p.JSText(".greeter output") == "Hi, Dev! (3)" })
	if !testenv.Eval[bool](p, `!!document.querySelector("script[src*='gorsc_bootstrap']") && typeof window.__REACT_DEVTOOLS_GLOBAL_HOOK__ === "undefined"`) {
		t.Log("note: React DevTools hook present")
	}
	for _, m := range p.Messages(true) {
		if strings.HasSuffix(m.URL, "/favicon.ico") || strings.Contains(m.Text, "Download the React DevTools") {
			continue // React's development build advertises DevTools once
		}
		t.Errorf("browser logged %s", m.String())
	}
}
