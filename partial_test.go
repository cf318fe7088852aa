package gorsc_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/protocol"
)

// calls counts the layout, page and middleware calls of each request.
type calls struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *calls) add(name string) {
	c.mu.Lock()
	c.n[name]++
	c.mu.Unlock()
}

// take returns the counts since the last take.
func (c *calls) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.n
	c.n = map[string]int{}
	return n
}

func layout(c *calls, name string) gorsc.LayoutFunc {
	return func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
		c.add(name)
		return html.Div(html.Class(name), children), nil
	}
}

func page(c *calls, name string) gorsc.PageFunc {
	return func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		c.add(name)
		return html.P(html.Text(name + " " + r.PathValue("id"))), nil
	}
}

// partialApp has nested layouts: the root, /notes, a dynamic segment
// /notes/{id}, and a route group.
func partialApp(t *testing.T) (http.Handler, *calls) {
	t.Helper()
	c := &calls{n: map[string]int{}}
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Segment("/", gorsc.Segment{
			Layout: func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
				c.add("root")
				return html.HTML(html.Body(html.Main(children))), nil
			},
			Metadata: func(ctx context.Context, r *http.Request) (gorsc.Metadata, error) {
				c.add("root metadata")
				return gorsc.Metadata{Title: "Site"}, nil
			},
		})
		app.Segment("/notes", gorsc.Segment{Layout: layout(c, "notes"), Loading: page(c, "loading")})
		app.Segment("/notes/{id}", gorsc.Segment{Layout: layout(c, "note"), Metadata: func(ctx context.Context, r *http.Request) (gorsc.Metadata, error) {
			return gorsc.Metadata{Title: "Note " + r.PathValue("id")}, nil
		}})
		app.Segment("/(info)", gorsc.Segment{Layout: layout(c, "info")})
		app.Page("/", page(c, "home"))
		app.Page("/notes", page(c, "index"))
		app.Page("/notes/{id}", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			switch r.PathValue("id") {
			}
			return page(c, "note page")(ctx, r)
		})
		app.Page("/(info)/about", page(c, "about"))
		app.Page("/(info)/contact", page(c, "contact"))
		app.Page("/(info)/moved", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return nil, gorsc.Redirect("/about")
		})
		app.Page("/(info)/gone", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return nil, gorsc.NotFound()
		})
		app.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				c.add("middleware")
				next.ServeHTTP(w, r)
			})
		})
	})
	c.take()
	return app, c
}

func navigation(path, segments string) *http.Request {
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("RSC", "1")
	if segments != "" {
		req.Header.Set(protocol.Segments, segments)
	}
	return req
}

func TestNavigationRendersOnlyBelowSharedLayout(t *testing.T) {
	app, c := partialApp(t)
	for _, tc := range []struct {
		name, path, segments string
		slot                 string         // "" for the whole tree
		called               map[string]int // layouts and pages called
		body                 []string       // in the answer
	}{
		{"note to note", "/notes/2", "/,/notes,/notes/{1}", "/notes",
			map[string]int{"note": 1, "note page": 1, "middleware": 1, "root metadata": 1},
			[]string{`"slot":"/notes"`, `"title",null,{"children":"Note 2"}`, `"note page 2"`}},
		{"same note again", "/notes/2", "/,/notes,/notes/{2}", "/notes/{2}",
			map[string]int{"note page": 1, "middleware": 1, "root metadata": 1},
			[]string{`"slot":"/notes/{2}"`}},
		{"home to notes", "/notes", "/", "/",
			map[string]int{"notes": 1, "index": 1, "middleware": 1, "root metadata": 1},
			[]string{`"slot":"/"`, `"className":"notes"`, `"title",null,{"children":"Site"}`}},
		{"note to home", "/", "/,/notes,/notes/{1}", "/",
			map[string]int{"home": 1, "middleware": 1, "root metadata": 1},
			[]string{`"slot":"/"`, `"home "`}},
		{"route group", "/contact", "/,/(info)", "/(info)",
			map[string]int{"contact": 1, "middleware": 1, "root metadata": 1},
			[]string{`"slot":"/(info)"`, `"contact "`}},
		{"no header", "/notes/2", "", "",
			map[string]int{"root": 1, "notes": 1, "note": 1, "note page": 1, "middleware": 1, "root metadata": 1},
			[]string{`["$","html",null`}},
		{"unknown slots", "/notes/2", "/elsewhere,/notes/{2}", "",
			map[string]int{"root": 1, "notes": 1, "note": 1, "note page": 1, "middleware": 1, "root metadata": 1},
			[]string{`["$","html",null`}},
		{"a slot without the slots above it", "/notes/2", "/notes,/notes/{2}", "",
			map[string]int{"root": 1, "notes": 1, "note": 1, "note page": 1, "middleware": 1, "root metadata": 1},
			[]string{`["$","html",null`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := do(t, app, navigation(tc.path, tc.segments))
			got := c.take()
			delete(got, "loading") // the Loading fallback renders with the notes segment's Suspense
			if resp.StatusCode != 200 || resp.Header.Get(protocol.Slot) != tc.slot {
				t.Fatalf("status %d, %s %q, want 200 and %q:\n%s", resp.StatusCode, protocol.Slot, resp.Header.Get(protocol.Slot), tc.slot, body)
			}
			if !equalCounts(got, tc.called) {
				t.Errorf("calls = %v, want %v", got, tc.called)
			}
			for _, want := range tc.body {
				if !strings.Contains(body, want) {
					t.Errorf("the answer lacks %s:\n%s", want, body)
				}
			}
			if !strings.Contains(resp.Header.Get("Vary"), "RSC") || !strings.Contains(resp.Header.Get("Vary"), protocol.Segments) {
				t.Errorf("Vary = %q", resp.Header.Values("Vary"))
			}
		})
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A document request ignores the header: the same full HTML.
func TestDocumentIgnoresSegmentsHeader(t *testing.T) {
	app, c := partialApp(t)
	_, plain := do(t, app, httptest.NewRequest("GET", "/contact", nil))
	req := httptest.NewRequest("GET", "/contact", nil)
	req.Header.Set(protocol.Segments, "/,/(info)")
	resp, withHeader := do(t, app, req)
	if plain != withHeader || resp.Header.Get(protocol.Slot) != "" {
		t.Errorf("the segments header changed a document:\n%s\n----\n%s", plain, withHeader)
	}
	if got := c.take(); got["root"] != 2 || got["info"] != 2 {
		t.Errorf("calls = %v, want the layouts called for each document", got)
	}
}

// The slots are transparent in HTML: a layout's children are written
// where they were before slots existed.
func TestSlotsAreTransparentInHTML(t *testing.T) {
	app, _ := partialApp(t)
	_, body := do(t, app, httptest.NewRequest("GET", "/contact", nil))
	if !strings.Contains(body, `<main><div class="info"><p>contact </p></div></main>`) {
		t.Errorf("document:\n%s", body)
	}
}

func TestPartialRedirectAndNotFound(t *testing.T) {
	app, _ := partialApp(t)
	resp, _ := do(t, app, navigation("/moved", "/,/(info)"))
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get(protocol.Redirect) != "/about" {
		t.Errorf("redirect: %d %q", resp.StatusCode, resp.Header.Get(protocol.Redirect))
	}
	// A page's NotFound: the nearest not-found UI in place of the page,
	// inside the shared layouts, with 404.
	resp, body := do(t, app, navigation("/gone", "/,/(info)"))
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get(protocol.Slot) != "/(info)" || !strings.Contains(body, "This page could not be found") {
		t.Errorf("not found: %d %q:\n%s", resp.StatusCode, resp.Header.Get(protocol.Slot), body)
	}
	// Unmatched URLs get the not-found page, partial too.
	resp, body = do(t, app, navigation("/nothing/here", "/,/notes"))
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get(protocol.Slot) != "/" || !strings.Contains(body, "This page could not be found") {
		t.Errorf("unmatched: %d %q:\n%s", resp.StatusCode, resp.Header.Get(protocol.Slot), body)
	}
}

var revalidateNotes = gorsc.Action(func(ctx context.Context) error {
	gorsc.RevalidatePath(ctx, "/notes")
	return nil
})

// An action that revalidates answers with only what is below the deepest
// layout the browser has mounted, like a navigation.
func TestActionAnswerIsPartial(t *testing.T) {
	c := &calls{n: map[string]int{}}
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Segment("/", gorsc.Segment{Layout: func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
			c.add("root")
			return html.HTML(html.Body(html.Form(html.Action(revalidateNotes)), html.Main(children))), nil
		}})
		app.Segment("/notes", gorsc.Segment{Layout: layout(c, "notes")})
		app.Page("/notes/{id}", page(c, "note page"))
	})
	_, doc := do(t, app, httptest.NewRequest("GET", "/notes/1", nil))
	_, after, ok := strings.Cut(doc, `name="$ACTION_ID_`)
	if !ok {
		t.Fatal("no action id on the page")
	}
	id, _, _ := strings.Cut(after, `"`)
	c.take()

	call := func(segments string) (*http.Response, string) {
		req := httptest.NewRequest("POST", "/notes/1", strings.NewReader("[]"))
		req.Header.Set("Content-Type", "text/plain")
		req.Header.Set(protocol.Action, id)
		if segments != "" {
			req.Header.Set("Gorsc-Segments", segments)
		}
		return do(t, app, req)
	}
	resp, body := call("/,/notes")
	if resp.StatusCode != 200 || resp.Header.Get("Gorsc-Slot") != "/notes" || !strings.Contains(body, `"slot":{"slot":"/notes"`) {
		t.Fatalf("partial action answer: %d slot %q\n%s", resp.StatusCode, resp.Header.Get("Gorsc-Slot"), body)
	}
	if n := c.take(); n["root"] != 0 || n["notes"] != 0 || n["note page"] != 1 {
		t.Errorf("a partial answer ran %v; want only the page", n)
	}
	// Without the header: the whole tree, as before.
	resp, body = call("")
	if resp.Header.Get("Gorsc-Slot") != "" || !strings.Contains(body, `"root":`) {
		t.Fatalf("full action answer:\n%s", body)
	}
	if n := c.take(); n["root"] != 1 || n["notes"] != 1 {
		t.Errorf("a full answer ran %v; want every layout", n)
	}
}
