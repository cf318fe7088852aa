package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/typegen"
)

// start serves the showcase over a fresh database (seeded with three
// books: 1 The Go Programming Language, 2 Dune, 3 The Left Hand of
// Darkness).
func start(t *testing.T) string {
	t.Helper()
	testenv.NodeModules(t, "examples/showcase")
	store, err := OpenStore(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	app := NewApp(store, ".")
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return srv.URL
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// textOf is the text of sel, or "" when nothing matches or the page is
// between documents.
func textOf(p *testenv.Page, sel string) string {
	if p.NodeCount(sel) == 0 {
		return ""
	}
	ctx, cancel := context.WithTimeout(p.Ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel), chromedp.AtLeast(0)))
	if err != nil {
		return ""
	}
	return s
}

func TestSearchOnTheServer(t *testing.T) {
	base := start(t)
	if code, body := get(t, base+"/?q=dune"); code != 200 || !strings.Contains(body, ">Dune</a>") || strings.Contains(body, "Left Hand") {
		t.Errorf("GET /?q=dune = %d, want only Dune", code)
	}
	if _, body := get(t, base+"/?q=le+guin"); !strings.Contains(body, "The Left Hand of Darkness") || strings.Contains(body, ">Dune<") {
		t.Error("search by author failed")
	}
	if _, body := get(t, base+"/?q=%25"); !strings.Contains(body, "No books match.") {
		t.Error(`"%" matched books: LIKE wildcards are not escaped`)
	}
	if code, css := get(t, base+"/static/style.css"); code != 200 || !strings.Contains(css, "li.book") {
		t.Errorf("GET /static/style.css = %d", code)
	}
}

// TestSlowPanelStreams: the list arrives with the stats panel's fallback
// first; the panel follows in the same response when its query is done.
func TestSlowPanelStreams(t *testing.T) {
	statsDelay = 800 * time.Millisecond
	defer func() { statsDelay = 600 * time.Millisecond }()
	base := start(t)
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	began := time.Now()
	r := bufio.NewReader(resp.Body)
	var got bytes.Buffer
	for !strings.Contains(got.String(), "Counting…") {
		b := make([]byte, 4096)
		n, err := r.Read(b)
		got.Write(b[:n])
		if err != nil {
			t.Fatalf("the body ended without the fallback: %v\n%s", err, got.String())
		}
	}
	if time.Since(began) >= statsDelay || strings.Contains(got.String(), "You have read") {
		t.Fatalf("the shell waited for the slow panel (%v)", time.Since(began))
	}
	if !strings.Contains(got.String(), "The Left Hand of Darkness") {
		t.Error("the list is not in the shell")
	}
	rest, _ := io.ReadAll(r)
	if !strings.Contains(string(rest), "You have read 0 of 3 books.") {
		t.Errorf("the streamed panel is missing:\n%s", rest)
	}

	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "the stats panel", func() bool { return p.JSText("aside.stats") == "You have read 0 of 3 books." })
	p.ExpectNoMessages(true)
}

func TestSearchInTheBrowser(t *testing.T) {
	base := start(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("form.search input") })
	testenv.Eval[any](p, `window.__noReload = 1`)
	p.Do(chromedp.SendKeys(chromedp.CSS("form.search input"), "dune"))
	testenv.WaitFor(t, "the filtered list", func() bool {
		return p.NodeCount("li.book") == 1 && strings.Contains(p.JSText("ul.books"), "Dune")
	})
	if u := testenv.Eval[string](p, `location.search`); u != "?q=dune" {
		t.Errorf("location.search = %q", u)
	}
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Error("searching reloaded the document")
	}
	if v := testenv.Eval[string](p, `document.querySelector("form.search input").value`); v != "dune" {
		t.Errorf("the search box lost its text: %q", v)
	}
	p.ExpectNoMessages(true)

	// Without JavaScript: a GET form.
	nojs := b.NewPage(false)
	nojs.Do(chromedp.Navigate(base + "/"))
	nojs.Do(chromedp.SendKeys(chromedp.CSS("form.search input"), "darkness"), chromedp.Click(chromedp.CSS("form.search button")))
	testenv.WaitFor(t, "the no-JS search", func() bool {
		s := textOf(nojs, "ul.books")
		return strings.Contains(s, "The Left Hand of Darkness") && !strings.Contains(s, "Dune")
	})
}

func TestDetailPageAnd404(t *testing.T) {
	base := start(t)
	for _, c := range []struct{ path, want string }{
		{"/books/999", "No such book."},
		{"/books/abc", "No such book."},
		{"/nowhere", "Nothing here."},
	} {
		if code, body := get(t, base+c.path); code != 404 || !strings.Contains(body, c.want) || !strings.Contains(body, `class="brand"`) {
			t.Errorf("GET %s = %d, want 404 with %q in the layout", c.path, code, c.want)
		}
	}
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("li.book a") })
	testenv.Eval[any](p, `window.__noReload = 1`)
	testenv.Eval[any](p, `document.querySelector('li.book a[href="/books/2"]').click()`)
	testenv.WaitFor(t, "the detail page", func() bool { return p.JSText("article h1") == "Dune" })
	// react-timeago, an npm component, renders the time the book was added.
	testenv.WaitFor(t, "react-timeago", func() bool {
		return strings.HasSuffix(p.JSText(".timeago time"), "ago") && testenv.Eval[string](p, `document.querySelector(".timeago time").getAttribute("datetime") ?? ""`) != ""
	})
	if testenv.Eval[any](p, `window.__noReload`) == nil {
		t.Error("the link reloaded the document")
	}
	p.ExpectNoMessages(true)
}

func TestAddWithValidation(t *testing.T) {
	base := start(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("form.add button") })
	p.Do(chromedp.SendKeys(chromedp.CSS(`form.add input[name="title"]`), "Piranesi"))
	p.Do(chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the field error (JS)", func() bool { return p.JSText("form.add .error-author") == "Enter an author." })
	if v := testenv.Eval[string](p, `document.querySelector('form.add input[name="title"]').value`); v != "Piranesi" {
		t.Errorf("the title typed was lost: %q", v)
	}
	if p.JSText("form.add .error-title") != "" {
		t.Error("an error for the valid title")
	}
	p.Do(chromedp.SendKeys(chromedp.CSS(`form.add input[name="author"]`), "Susanna Clarke"))
	p.Do(chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the new book (JS)", func() bool { return strings.Contains(p.JSText("ul.books"), "PiranesiSusanna Clarke") })
	testenv.WaitFor(t, "the errors to clear", func() bool { return p.JSText("form.add .error-author") == "" })
	p.ExpectNoMessages(true)

	nojs := b.NewPage(false)
	nojs.Do(chromedp.Navigate(base + "/"))
	nojs.Do(chromedp.SendKeys(chromedp.CSS(`form.add input[name="author"]`), "Ann Leckie"), chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the field error (no JS)", func() bool { return textOf(nojs, "form.add .error-title") == "Enter a title." })
	if v := testenv.Eval[string](nojs, `document.querySelector('form.add input[name="author"]').value`); v != "Ann Leckie" {
		t.Errorf("the author typed was lost: %q", v)
	}
	nojs.Do(chromedp.SendKeys(chromedp.CSS(`form.add input[name="title"]`), "Ancillary Justice"), chromedp.Click(chromedp.CSS("form.add button")))
	testenv.WaitFor(t, "the new book (no JS)", func() bool { return strings.Contains(textOf(nojs, "ul.books"), "Ancillary JusticeAnn Leckie") })
}

// TestOptimisticToggle: the button flips at once while the server action
// is still running, and the saved state arrives with the page.
func TestOptimisticToggle(t *testing.T) {
	base := start(t)
	gate := make(chan struct{})
	toggleHook = func() { <-gate }
	defer func() { toggleHook = nil }()
	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated(`li.book button.toggle`) })
	first := `ul.books li.book:nth-child(2)`
	p.Do(chromedp.Click(chromedp.CSS(first + " button.toggle")))
	testenv.WaitFor(t, "the optimistic state", func() bool {
		return p.JSText(first+" button.toggle") == "✓ Read" && testenv.Eval[string](p, `document.querySelector("`+first+` button.toggle").dataset.pending`) == "true"
	})
	if got := testenv.Eval[string](p, `document.querySelector("`+first+`").dataset.read`); got != "false" {
		t.Errorf("the server state changed before the action ran: data-read=%s", got)
	}
	gate <- struct{}{}
	testenv.WaitFor(t, "the saved state", func() bool {
		return testenv.Eval[string](p, `document.querySelector("`+first+`").dataset.read`) == "true" &&
			testenv.Eval[string](p, `document.querySelector("`+first+` button.toggle").dataset.pending`) == "false"
	})
	p.ExpectNoMessages(true)

	close(gate) // from here on the hook does not wait
	nojs := b.NewPage(false)
	nojs.Do(chromedp.Navigate(base + "/books/2"))
	nojs.Do(chromedp.Click(chromedp.CSS("form.toggle button")))
	testenv.WaitFor(t, "unread without JavaScript", func() bool {
		return testenv.Eval[string](nojs, `document.querySelector("article")?.dataset.read ?? ""`) == "false"
	})
}

func TestDeleteWithBoundID(t *testing.T) {
	base := start(t)
	b := testenv.NewBrowser(t)
	p := b.NewPage(true)
	p.Do(chromedp.Navigate(base + "/"))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("li.book a") })
	p.Do(chromedp.Click(chromedp.CSS(`button[aria-label="Delete Dune"]`)))
	testenv.WaitFor(t, "Dune deleted", func() bool {
		return !strings.Contains(p.JSText("ul.books"), "Dune") && strings.Contains(p.JSText("ul.books"), "Darkness")
	})
	// From the book's page: deleted, then the list.
	p.Do(chromedp.Navigate(base + "/books/3"))
	testenv.WaitFor(t, "the book page", func() bool { return p.Hydrated("article h1") })
	p.Do(chromedp.Click(chromedp.CSS(`article form.delete button`)))
	testenv.WaitFor(t, "back on the list", func() bool {
		return testenv.Read[string](p, `location.pathname`) == "/" && p.JSText("ul.books") != "" && !strings.Contains(p.JSText("ul.books"), "Darkness")
	})
	if code, _ := get(t, base+"/books/3"); code != 404 {
		t.Errorf("GET /books/3 after the delete = %d", code)
	}
	p.ExpectNoMessages(true)
}

// TestTypeScript: the generated props types are current and tsc passes.
func TestTypeScript(t *testing.T) {
	testenv.NodeModules(t, "examples/showcase")
	r, err := typegen.Generate(typegen.Options{Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Files) != 4 || len(r.Warnings) > 0 {
		t.Errorf("generated %d files, warnings %q", len(r.Files), r.Warnings)
	}
	for name, body := range r.Files {
		if have, err := os.ReadFile(name); err != nil || !bytes.Equal(have, body) {
			t.Errorf("%s is stale: run go run ../../cmd/gorsc types", name)
		}
	}
	if have, err := os.ReadFile(bundle.ClientTypesFile); err != nil || !bytes.Equal(have, bundle.ClientTypes()) {
		t.Errorf("%s is stale: run go run ../../cmd/gorsc types", bundle.ClientTypesFile)
	}
	if out, ok := testenv.TSC(t, "examples/showcase", "."); !ok {
		t.Fatalf("tsc --noEmit failed:\n%s", out)
	}
}
