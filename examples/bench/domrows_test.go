package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/testenv"
)

// The first load of "/" does not carry the list's Flight rows: the
// browser rebuilds them from the list's HTML (App.InlineAllRows, the
// internal/domrows package). These tests check it in Chromium: hydration
// without a message, the rebuilt rows' elements owned by React, client
// navigations (which fetch every row), and the fallback when the HTML was
// changed on its way.

// startBench serves the bench app, set up by setup, behind wrap.
func startBench(t *testing.T, setup func(*gorsc.App), wrap func(http.Handler) http.Handler) string {
	t.Helper()
	testenv.NodeModules(t, "examples/bench")
	app := NewApp(".")
	app.SSR.Budget = 10 * time.Second
	setup(app)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	var h http.Handler = app
	if wrap != nil {
		h = wrap(app)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

func gzipSize(t *testing.T, b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func TestRowsRebuiltFromHTML(t *testing.T) {
	url := startBench(t, func(*gorsc.App) {}, nil)
	allURL := startBench(t, func(a *gorsc.App) { a.InlineAllRows = true }, nil)
	page := get(t, url+"/")
	all := get(t, allURL+"/")
	firstRow := `["$","li","1",{"className":"item"`
	if !strings.Contains(page, "self.__gorsc_f.push({d:`") || strings.Contains(page, firstRow) {
		t.Errorf("the document carries the list's rows (or no template of them)")
	}
	if strings.Contains(all, "push({d:") || !strings.Contains(all, firstRow) {
		t.Errorf("with InlineAllRows the document lacks the list's rows (or has a template)")
	}
	if n, m := strings.Count(page, `<li class="item">`), strings.Count(all, `<li class="item">`); n != 200 || m != 200 {
		t.Errorf("%d and %d items in the HTML, want 200", n, m)
	}
	g, ga := gzipSize(t, []byte(page)), gzipSize(t, []byte(all))
	t.Logf("gzip -9 of /: %d bytes, %d with InlineAllRows (%.2f×); raw %d and %d", g, ga, float64(g)/float64(ga), len(page), len(all))
	if float64(g) > 0.8*float64(ga) {
		t.Errorf("gzip bytes %d, with every row %d: want at most 0.8×", g, ga)
	}

	p := testenv.NewBrowser(t).NewPage(true)
	p.AddScriptOnNewDocument(recordRemovals)
	p.Do(chromedp.Navigate(url + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("main button") && p.Hydrated("li.item strong") })
	// React owns the rebuilt elements with the server's props.
	if got := testenv.Eval[string](p, `(() => {
		const li = document.querySelectorAll("li.item")[6];
		const fiber = li[Object.keys(li).find((k) => k.startsWith("__reactFiber"))];
		return fiber.key + " " + fiber.memoizedProps.className + " " + typeof fiber.memoizedProps.children[0].props.children[1];
	})()`); got != "7 item number" {
		t.Errorf("the 7th item's fiber: key, className, type of its id = %q, want %q", got, "7 item number")
	}
	if removed := testenv.Eval[[]string](p, `window.__removed.filter((n) => n !== "#comment" && n !== "#text")`); len(removed) > 0 {
		t.Errorf("hydration removed %v", removed)
	}
	p.Do(chromedp.Click(chromedp.CSS("main button")))
	testenv.WaitFor(t, "Count: 1", func() bool { return p.JSText("main button") == "Count: 1" })
	// A client navigation away and back: the rows come from Flight.
	testenv.Eval[any](p, `window.__noReload = 1; document.querySelector('nav a[href="/todos"]').click()`)
	testenv.WaitFor(t, "the todos page", func() bool { return p.JSText("main h1") == "Todos" })
	testenv.Eval[any](p, `document.querySelector('nav a[href="/"]').click()`)
	testenv.WaitFor(t, "home again", func() bool { return p.NodeCount("li.item") == 200 })
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Error("a navigation reloaded the document")
	}
	p.ExpectNoMessages(true)
}

// changeItem7 rewrites the text of item 7 in documents, as a proxy or a
// browser extension might before the runtime reads the DOM.
func changeItem7(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("Accept-Encoding")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			body = bytes.Replace(body, []byte(`>Item 7</strong>`), []byte(`>Item 7 (changed)</strong>`), 1)
		}
		for k, v := range rec.Header() {
			if k != "Content-Length" {
				w.Header()[k] = v
			}
		}
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}

// When the DOM does not match the rows' hash, the runtime reads the rows
// from the page's Flight payload: React hydrates, finds the changed text
// and renders the server's.
func TestRowsRebuiltFallbackWhenHTMLChanged(t *testing.T) {
	url := startBench(t, func(*gorsc.App) {}, changeItem7)
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(url + "/"))
	testenv.WaitFor(t, "the server's text of item 7", func() bool {
		return p.JSText("li.item:nth-child(7) strong") == "Item 7"
	})
	testenv.WaitFor(t, "React on the list", func() bool { return p.Hydrated("li.item strong") && p.Hydrated("main button") })
	p.Do(chromedp.Click(chromedp.CSS("main button")))
	testenv.WaitFor(t, "Count: 1", func() bool { return p.JSText("main button") == "Count: 1" })
	var warned bool
	for _, m := range p.Messages(true) {
		if strings.Contains(m.Text, "did not match the page's HTML") {
			warned = true
		}
		if strings.Contains(m.Text, "gorsc: row") && strings.Contains(m.Text, "reload the page") {
			t.Errorf("the row was not found in the page's payload: %s", m.Text)
		}
	}
	if !warned {
		t.Error("no warning that the row did not match the HTML")
	}
}

// shapesPage holds the shapes the templates must rebuild exactly: a list
// beside a static item (nested arrays of children), keys, data- and aria-
// attributes, a link, text with "$", quotes, a newline, a tab, markup
// characters and non-ASCII, number children; inside gorsc's error
// boundary and inside a Suspense boundary done in the shell.
func shapesPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	rows := make([]int, 40)
	for i := range rows {
		rows[i] = i * 7
	}
	row := func(n int) gorsc.Node {
		return html.Li(gorsc.Key(strconv.Itoa(n)), html.Aria("label", fmt.Sprintf("row %d", n)), html.Data("n", strconv.Itoa(n)),
			html.Span(gorsc.Number(n)), html.Text(" "), html.Text(fmt.Sprintf("row %d costs $%d", n, n*3)))
	}
	return html.Div(
		html.H1(html.Text("Shapes")),
		gorsc.ErrorBoundary(html.P(html.Text("failed")),
			html.Article(html.ID("post"), html.Data("kind", "post"),
				html.H2(html.Text(`$5 and a "quote"`)),
				html.P(html.Text("First line\n\tindented & <escaped>"), html.A(html.Href("/notes/1?x=1#top"), html.Text("a link")), html.Em(html.Text("em"))),
				html.Ul(html.Class("rows"), html.Li(html.Text("first, static")), gorsc.Map(rows, row)),
				html.Blockquote(html.Text("café ☕ 𝄞")),
			),
		),
		gorsc.Suspense(html.P(html.Text("loading")),
			html.Section(html.Class("later"), html.Ul(gorsc.Map(rows, row))),
		),
	), nil
}

func TestRowsRebuiltShapes(t *testing.T) {
	testenv.NodeModules(t, "examples/bench")
	app := &gorsc.App{Dir: "."}
	app.Page("/shapes", shapesPage)
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	page := get(t, srv.URL+"/shapes")
	if n := strings.Count(page, "push({d:`"); n != 2 {
		t.Errorf("%d templates in the document, want 2 (the article, the section)", n)
	}
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/shapes"))
	testenv.WaitFor(t, "hydration", func() bool {
		return p.Hydrated("article li:last-child span") && p.Hydrated("section.later li:last-child span")
	})
	if got := p.JSText("article h2"); got != `$5 and a "quote"` {
		t.Errorf("h2 = %q", got)
	}
	if got := testenv.Eval[string](p, `(() => {
		const li = document.querySelectorAll("section.later li")[3];
		const f = li[Object.keys(li).find((k) => k.startsWith("__reactFiber"))];
		return [f.key, f.memoizedProps["aria-label"], f.memoizedProps["data-n"], typeof f.memoizedProps.children[0].props.children, f.memoizedProps.children[2]].join("|");
	})()`); got != "21|row 21|21|number|row 21 costs $63" {
		t.Errorf("the 4th later row's fiber: %q", got)
	}
	p.ExpectNoMessages(true)
}
