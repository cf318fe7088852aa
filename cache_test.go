package gorsc_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/protocol"
)

// todoDB is the database of the cache tests: a list of titles, and how
// often the cached function loaded it.
var todoDB struct {
	sync.Mutex
	titles []string
	loads  atomic.Int64
}

func setTodos(titles ...string) {
	todoDB.Lock()
	todoDB.titles = titles
	todoDB.Unlock()
	todoDB.loads.Store(0)
}

func addCachedTodo(title string) {
	todoDB.Lock()
	todoDB.titles = append(todoDB.titles, title)
	todoDB.Unlock()
}

var cachedTodos = gorsc.Cached("test-todos", func(ctx context.Context) ([]string, error) {
	todoDB.loads.Add(1)
	todoDB.Lock()
	defer todoDB.Unlock()
	return append([]string(nil), todoDB.titles...), nil
}, gorsc.CacheTags("todos"), gorsc.CacheLife(time.Hour, time.Hour))

var whoAmI = gorsc.Cached("test-whoami", func(ctx context.Context) (string, error) {
	return gorsc.RequestFrom(ctx).Header.Get("X-User"), nil
})

var (
	updateTodos = gorsc.Action(func(ctx context.Context, title string) error {
		addCachedTodo(title)
		gorsc.UpdateTag(ctx, "todos")
		return nil
	})
	revalidateTodos = gorsc.Action(func(ctx context.Context, title string) error {
		addCachedTodo(title)
		gorsc.RevalidateTag(ctx, "todos")
		return nil
	})
	revalidateTodosPath = gorsc.Action(func(ctx context.Context, title, path string) error {
		addCachedTodo(title)
		gorsc.RevalidatePath(ctx, path)
		return nil
	})
	loginAction = gorsc.Action(func(ctx context.Context) error { return nil })
)

// cachedTodoList is a server component reading the cached todos.
func cachedTodoList(class string) gorsc.Node {
	return gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
		todos, err := cachedTodos(ctx)
		if err != nil {
			return nil, err
		}
		return html.Ul(html.Class(class), gorsc.Map(todos, func(s string) gorsc.Node { return html.Li(html.Text(s)) })), nil
	})
}

func cacheApp(t *testing.T, setup ...func(*gorsc.App)) (*gorsc.App, *syncBuffer) {
	t.Helper()
	return newApp(t, func(app *gorsc.App) {
		todosPage := func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			// Two components read the todos: one load per request.
			return html.HTML(html.Body(cachedTodoList("a"), cachedTodoList("b"),
				html.Form(html.Action(updateTodos)), html.Form(html.Action(revalidateTodos)),
				html.Form(html.Action(revalidateTodosPath)), html.Form(html.Action(loginAction)))), nil
		}
		app.Page("/todos", todosPage)
		app.Page("/todos/{id}", todosPage)
		app.Page("/whoami", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			u, err := whoAmI(ctx)
			return html.HTML(html.Body(html.Text(u))), err
		})
		app.Handle("POST /hook", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			gorsc.RevalidateTag(r.Context(), r.URL.Query().Get("tag"))
		}))
		for _, f := range setup {
			f(app)
		}
	})
}

// ids returns the action ids of the forms of page, in order.
func ids(t *testing.T, app http.Handler, page string) []string {
	t.Helper()
	_, body := do(t, app, httptest.NewRequest("GET", page, nil))
	refs := formRefs(body)
	if len(refs) == 0 {
		t.Fatalf("no forms on %s:\n%s", page, body)
	}
	return refs
}

func callJS(t *testing.T, app http.Handler, page, id, args string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("POST", page, strings.NewReader(args))
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	req.Header.Set(protocol.Action, id)
	return do(t, app, req)
}

func getBody(t *testing.T, app http.Handler, path string) string {
	t.Helper()
	resp, body := do(t, app, httptest.NewRequest("GET", path, nil))
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d\n%s", path, resp.StatusCode, body)
	}
	return body
}

func TestCachedDataAcrossRequests(t *testing.T) {
	app, _ := cacheApp(t)
	setTodos("milk")
	for i := range 3 {
		if body := getBody(t, app, "/todos"); strings.Count(body, "<li>milk</li>") != 2 {
			t.Fatalf("request %d:\n%s", i, body)
		}
	}
	if n := todoDB.loads.Load(); n != 1 {
		t.Errorf("3 requests of a page reading the todos twice ran %d loads, want 1", n)
	}
	// A different app has its own cache.
	other, _ := cacheApp(t)
	getBody(t, other, "/todos")
	if n := todoDB.loads.Load(); n != 2 {
		t.Errorf("a second app: %d loads, want 2", n)
	}
}

// UpdateTag: the action's own answer shows the change; RevalidateTag:
// stale for the next reader, fresh after.
func TestActionInvalidatesTags(t *testing.T) {
	app, _ := cacheApp(t)
	setTodos("milk")
	refs := ids(t, app, "/todos")
	update, revalidate := refs[0], refs[1]

	resp, body := callJS(t, app, "/todos", update, `["eggs"]`)
	if resp.StatusCode != 200 || !strings.Contains(body, `"root":`) || !strings.Contains(body, "eggs") {
		t.Fatalf("UpdateTag answer (%d) does not show the new todo:\n%s", resp.StatusCode, body)
	}
	if got := resp.Header.Get(protocol.RevalidatedTags); got != "todos" {
		t.Errorf("%s = %q, want todos", protocol.RevalidatedTags, got)
	}
	if body := getBody(t, app, "/todos"); !strings.Contains(body, "eggs") {
		t.Errorf("after UpdateTag, a later request misses the change")
	}

	loads := todoDB.loads.Load()
	resp, body = callJS(t, app, "/todos", revalidate, `["bread"]`)
	if resp.StatusCode != 200 || !strings.Contains(body, `"root":`) {
		t.Fatalf("RevalidateTag answer (%d):\n%s", resp.StatusCode, body)
	}
	if strings.Contains(body, "bread") {
		t.Errorf("RevalidateTag answer shows fresh data; stale-while-revalidate serves the old value once")
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(getBody(t, app, "/todos"), "bread") {
		if time.Now().After(deadline) {
			t.Fatal("after RevalidateTag, the new value never showed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if n := todoDB.loads.Load() - loads; n != 1 {
		t.Errorf("the revalidation ran %d loads, want 1 (in the background)", n)
	}
}

// RevalidatePath honours its path: the answer re-renders the page only
// when the path covers it, and only renders at or below the path reload.
func TestRevalidatePathHonoursPath(t *testing.T) {
	app, _ := cacheApp(t)
	setTodos("milk")
	byPath := ids(t, app, "/todos")[2]
	getBody(t, app, "/todos")

	resp, body := callJS(t, app, "/todos", byPath, `["eggs","/elsewhere"]`)
	if strings.Contains(body, `"root":`) || strings.Contains(body, `"slot":`) {
		t.Errorf("RevalidatePath(/elsewhere) from /todos re-rendered the page:\n%s", body)
	}
	if got := resp.Header.Get(protocol.RevalidatedPaths); got != "%2Felsewhere" {
		t.Errorf("%s = %q", protocol.RevalidatedPaths, got)
	}
	if strings.Contains(getBody(t, app, "/todos"), "eggs") {
		t.Errorf("RevalidatePath(/elsewhere) expired the data of /todos")
	}

	resp, body = callJS(t, app, "/todos/1", byPath, `["bread","/todos/"]`)
	if !strings.Contains(body, `"root":`) || !strings.Contains(body, "bread") {
		t.Errorf("RevalidatePath(/todos/) from /todos/1: the answer does not show fresh data:\n%s", body)
	}
	if got := resp.Header.Get(protocol.RevalidatedPaths); got != "%2Ftodos" {
		t.Errorf("%s = %q", protocol.RevalidatedPaths, got)
	}
}

// An action that sets a cookie tells the router to drop every page; one
// that invalidates nothing tells it nothing.
func TestActionRevalidationHeaders(t *testing.T) {
	app, _ := cacheApp(t, func(app *gorsc.App) {
		app.Use(func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Has("login") {
					http.SetCookie(w, &http.Cookie{Name: "session", Value: "x"})
				}
				h.ServeHTTP(w, r)
			})
		})
	})
	login := ids(t, app, "/todos")[3]
	resp, body := callJS(t, app, "/todos", login, `[]`)
	if resp.StatusCode != 200 || resp.Header.Get(protocol.RevalidatedPaths) != "" || resp.Header.Get(protocol.RevalidatedTags) != "" {
		t.Errorf("an action that invalidates nothing: %d %v\n%s", resp.StatusCode, resp.Header, body)
	}
	resp, _ = callJS(t, app, "/todos?login", login, `[]`)
	if got := resp.Header.Get(protocol.RevalidatedPaths); got != "%2F" {
		t.Errorf("an answer setting a cookie: %s = %q, want %%2F", protocol.RevalidatedPaths, got)
	}
}

// A handler registered with App.Handle can invalidate (a CMS webhook).
func TestHandlerRevalidatesTag(t *testing.T) {
	app, _ := cacheApp(t)
	setTodos("milk")
	getBody(t, app, "/todos")
	addCachedTodo("eggs")
	if resp, _ := do(t, app, httptest.NewRequest("POST", "/hook?tag=todos", nil)); resp.StatusCode != 200 {
		t.Fatalf("hook: %d", resp.StatusCode)
	}
	getBody(t, app, "/todos") // stale, reloads behind
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(getBody(t, app, "/todos"), "eggs") {
		if time.Now().After(deadline) {
			t.Fatal("the webhook's RevalidateTag never reached the page")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A cached function that reads the request fails, naming itself: its
// value would be shared by every visitor.
func TestCachedFunctionReadingRequestFails(t *testing.T) {
	app, logs := cacheApp(t)
	req := httptest.NewRequest("GET", "/whoami", nil)
	req.Header.Set("X-User", "alice")
	resp, body := do(t, app, req)
	if resp.StatusCode != 500 || strings.Contains(body, "alice") {
		t.Errorf("status %d:\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "cached function test-whoami read the request (RequestFrom)") {
		t.Errorf("log does not name the function:\n%s", logs)
	}
}

func TestCachedDefinitionErrors(t *testing.T) {
	mustPanic := func(name, want string, f func()) {
		t.Helper()
		defer func() {
			p := recover()
			if p == nil || !strings.Contains(p.(string), want) {
				t.Errorf("%s: panic %v, want %q", name, p, want)
			}
		}()
		f()
	}
	load := func(ctx context.Context) (int, error) { return 1, nil }
	mustPanic("taken name", `"test-todos"`, func() { gorsc.Cached("test-todos", load) })
	mustPanic("empty name", "name is empty", func() { gorsc.Cached("", load) })
	mustPanic("pointer key", "a ptr is no key", func() {
		gorsc.CachedBy("test-ptr", func(ctx context.Context, k *int) (int, error) { return 0, nil })
	})
	type anyKey struct {
		ID int
		V  [1]any
	}
	mustPanic("interface field", "field V[] is a interface", func() {
		gorsc.CachedBy("test-any-field", func(ctx context.Context, k anyKey) (int, error) { return 0, nil })
	})
	mustPanic("reserved tag", "reserved", func() { gorsc.CacheTags("gorsc:path:/") })
	mustPanic("newline tag", "newline", func() { gorsc.CacheTags("a\nb") })
}

type byKey struct {
	Tag string
	N   int
}

var cachedByLoads atomic.Int64

var cachedByTest = gorsc.CachedBy("test-by", func(ctx context.Context, k byKey) (string, error) {
	cachedByLoads.Add(1)
	return strings.Repeat(k.Tag, k.N), nil
})

// Outside a request a cached function just loads; CachedBy keys by value.
func TestCachedBy(t *testing.T) {
	type key = byKey
	f, loads := cachedByTest, &cachedByLoads
	loads.Store(0)
	if v, _ := f(context.Background(), key{"a", 2}); v != "aa" || loads.Load() != 1 {
		t.Errorf("outside a request: %q", v)
	}
	f(context.Background(), key{"a", 2})
	if loads.Load() != 2 {
		t.Errorf("outside a request, calls are not cached: %d loads", loads.Load())
	}
	app, _ := newApp(t, func(app *gorsc.App) {
		app.Page("/{tag}", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			v, err := f(ctx, key{r.PathValue("tag"), 3})
			return html.HTML(html.Body(html.P(html.Text(v)))), err
		})
	})
	loads.Store(0)
	for _, p := range []string{"/x", "/y", "/x", "/y"} {
		tag := p[1:]
		if body := getBody(t, app, p); !strings.Contains(body, "<p>"+strings.Repeat(tag, 3)+"</p>") {
			t.Errorf("%s:\n%s", p, body)
		}
	}
	if loads.Load() != 2 {
		t.Errorf("two keys, %d loads", loads.Load())
	}
}
