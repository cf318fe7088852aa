package hydratetest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

func attr(name string, v any) tree.Attr { return tree.Attr{Name: name, Value: v} }

// A Suspense boundary that streams after the shell with a stylesheet, a
// <style> resource, a title and an async script in its content: React's
// $RR puts the stylesheet and the style into <head> and reveals the
// content once they have loaded; the title and script are hoisted before
// the segment. React hydrates all of it without an error.
func TestStreamedResourcesHydrate(t *testing.T) {
	testenv.NodeModules(t, "tools/react")
	app := &gorsc.App{Dir: filepath.Join(testenv.RepoRoot(), "tools", "react", "testapp"), Secret: []byte("t")}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		late := &tree.Component{Name: "Late", Fn: func(ctx context.Context) (tree.Node, error) {
			select { // waits, so the boundary streams after the shell
			case <-time.After(50 * time.Millisecond):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			return tree.Group{
				tree.El("link", attr("rel", "stylesheet"), attr("href", "/late.css"), attr("precedence", "p")),
				tree.El("link", attr("rel", "stylesheet"), attr("href", "/shell.css"), attr("precedence", "p")),
				tree.El("style", attr("href", "late-style"), attr("precedence", "q"), tree.Text("#late{color:rgb(1, 2, 3)}")),
				tree.El("title", tree.Text("Late title")),
				tree.El("script", attr("async", true), attr("src", "/late.js")),
				tree.El("p", attr("id", "late"), tree.Text("late content")),
			}, nil
		}}
		return tree.El("html",
			tree.El("head",
				tree.El("meta", attr("charSet", "utf-8")),
				tree.El("link", attr("rel", "icon"), attr("href", "data:,")),
				tree.El("link", attr("rel", "stylesheet"), attr("href", "/shell.css"), attr("precedence", "p"))),
			tree.El("body",
				tree.El("h1", tree.Text("shell")),
				&tree.Suspense{Fallback: tree.El("p", attr("id", "fallback"), tree.Text("loading"), tree.El("title", tree.Text("Fallback title"))), Children: []tree.Node{late}},
			)), nil
	})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(served(app))
	defer srv.Close()

	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/"))
	testenv.WaitFor(t, "the streamed content", func() bool { return p.JSText("#late") == "late content" })
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("#late") })
	testenv.Eval[bool](p, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(true), 20))))`)
	checks := map[string]string{
		"the stylesheet in <head>":              `!!document.head.querySelector('link[rel="stylesheet"][href="/late.css"][data-precedence="p"]')`,
		"one link to the shell's stylesheet":    `document.querySelectorAll('link[href="/shell.css"]').length === 1`,
		"the <style> resource applied":          `getComputedStyle(document.getElementById("late")).color === "rgb(1, 2, 3)"`,
		"the <style> resource in <head>":        `!!document.head.querySelector('style[data-href="late-style"]:not([media])')`,
		"the title":                             `document.title === "Late title"`,
		"the fallback's title dropped":          `[...document.querySelectorAll("title")].every(t => t.textContent !== "Fallback title")`,
		"the fallback gone":                     `!document.getElementById("fallback")`,
		"the async script once, not in <main>":  `document.querySelectorAll('script[src="/late.js"]').length === 1`,
		"the content's stylesheet loaded first": `[...document.styleSheets].some(s => s.href && s.href.endsWith("/late.css"))`,
	}
	for what, js := range checks {
		if !testenv.Eval[bool](p, js) {
			t.Errorf("%s: %s is false", what, js)
		}
	}
	p.ExpectNoMessages(true)
}
