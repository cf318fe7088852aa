package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
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
