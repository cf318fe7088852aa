package gorsc_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/testenv"
)

// The browser's side of invalidation: the router drops the pages it keeps
// (prefetched) that an action revalidated, keeps them when it revalidated
// nothing, and Back shows the fresh data, here of a cached page.

var shelf struct {
	sync.Mutex
	items []string
	noops atomic.Int64
}

var shelfItems = gorsc.Cached("test-shelf", func(ctx context.Context) ([]string, error) {
	shelf.Lock()
	defer shelf.Unlock()
	return append([]string(nil), shelf.items...), nil
}, gorsc.CacheTags("shelf"), gorsc.CacheLife(time.Hour, time.Hour))

var (
	shelfAdd = gorsc.Action(func(ctx context.Context) error {
		shelf.Lock()
		shelf.items = append(shelf.items, fmt.Sprintf("item%d", len(shelf.items)))
		shelf.Unlock()
		gorsc.UpdateTag(ctx, "shelf")
		return nil
	})
	shelfNoop = gorsc.Action(func(ctx context.Context) error {
		shelf.noops.Add(1)
		return nil
	})
)

// flightCounter counts the Flight requests (navigations, prefetches) of
// each path.
type flightCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *flightCounter) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get(protocol.Flight) == "1" {
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

func TestBrowserActionInvalidatesRouterCache(t *testing.T) {
	testenv.NodeModules(t, "tools/react")
	shelf.Lock()
	shelf.items = []string{"item0"}
	shelf.Unlock()
	shelf.noops.Store(0)
	count := &flightCounter{n: map[string]int{}}
	app := &gorsc.App{Dir: "tools/react/testapp", Secret: []byte("t")}
	app.Use(count.middleware)
	app.Layout(func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
		return html.HTML(html.Head(html.Meta(html.CharSet("utf-8")), html.Link(html.Rel("icon"), html.Href("data:,"))), html.Body(children)), nil
	})
	// The list is a cached page: it hydrates from the kept bytes, client
	// navigations get its kept Flight answers, and the UpdateTag of the
	// data it shows expires it.
	app.Page("/shelf", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		items, err := shelfItems(ctx)
		return html.Main(html.P(html.ID("list"), html.Text(strings.Join(items, " "))),
			gorsc.Link("/shelf/edit", html.ID("to-edit"), html.Text("edit"))), err
	}, gorsc.CachePage())
	app.Page("/shelf/edit", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		shelf.Lock()
		n := len(shelf.items)
		shelf.Unlock()
		return html.Main(html.P(html.ID("count"), html.Text(fmt.Sprint(n))),
			html.Form(html.Action(shelfAdd), html.Button(html.ID("add"), html.Text("add"))),
			html.Form(html.Action(shelfNoop), html.Button(html.ID("noop"), html.Text("noop"))),
			gorsc.Link("/shelf", html.ID("to-list"), gorsc.Prefetch(gorsc.PrefetchViewport), html.Text("list"))), nil
	})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	defer srv.Close()
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + "/shelf"))
	waitUntil(t, p, "hydration", func() bool { return p.Hydrated("#to-edit") })
	toEdit := func() {
		t.Helper()
		testenv.Eval[any](p, `document.querySelector('#to-edit').click()`)
		waitUntil(t, p, "the edit page", func() bool { return p.NodeCount("#add") == 1 })
	}
	toEdit()
	waitUntil(t, p, "the prefetch of /shelf", func() bool { return count.get("/shelf") == 1 })

	// An action that revalidates nothing keeps the prefetched page.
	testenv.Eval[any](p, `document.querySelector('#noop').click()`)
	waitUntil(t, p, "the no-op action", func() bool { return shelf.noops.Load() == 1 })
	testenv.Eval[any](p, `document.querySelector('#to-list').click()`)
	waitUntil(t, p, "the list", func() bool { return textOf(p, "#list") == "item0" })
	if n := count.get("/shelf"); n != 1 {
		t.Errorf("after an action that revalidated nothing, the prefetched page was fetched again (%d requests)", n)
	}

	// An action that updates a tag drops it: the link fetches the page
	// anew, with the new item.
	toEdit()
	waitUntil(t, p, "the second prefetch of /shelf", func() bool { return count.get("/shelf") == 2 })
	testenv.Eval[any](p, `document.querySelector('#add').click()`)
	waitUntil(t, p, "the action's answer", func() bool { return textOf(p, "#count") == "2" })
	testenv.Eval[any](p, `document.querySelector('#to-list').click()`)
	waitUntil(t, p, "the fresh list", func() bool { return textOf(p, "#list") == "item0 item1" })
	if n := count.get("/shelf"); n != 3 {
		t.Errorf("after UpdateTag, the link used the prefetched page (%d requests, want 3)", n)
	}

	// Back after an action shows fresh data.
	toEdit()
	testenv.Eval[any](p, `document.querySelector('#add').click()`)
	waitUntil(t, p, "the action's answer", func() bool { return textOf(p, "#count") == "3" })
	testenv.Eval[any](p, `history.back()`)
	waitUntil(t, p, "Back to the fresh list", func() bool { return textOf(p, "#list") == "item0 item1 item2" })
	quietConsole(t, p, true)
}
