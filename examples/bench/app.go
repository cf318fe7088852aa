package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// NewApp returns the bench app served from dir.
func NewApp(dir string) *gorsc.App {
	app := &gorsc.App{Dir: dir}
	app.Layout(RootLayout)
	app.Page("/", HomePage)
	// The same page, rendered once and served from the app's cache: the
	// counterpart of Next.js's static rendering of "/".
	app.Page("/cached", HomePage, gorsc.CachePage())
	app.Page("/todos", TodosPage)
	app.Page("/slow", SlowPage)
	app.Page("/parallel", ParallelPage)
	return app
}

// RootLayout renders the document around every page.
func RootLayout(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
	return html.HTML(html.Lang("en"),
		html.Head(
			html.Meta(html.CharSet("utf-8")),
			html.Meta(html.Name("viewport"), html.Content("width=device-width, initial-scale=1")),
			html.Title(html.Text("gorsc-bench")),
			html.Meta(html.Name("description"), html.Content("gorsc benchmark app")),
			html.Link(html.Rel("icon"), html.Href("data:,")),
		),
		html.Body(
			html.Header(
				html.Nav(
					gorsc.Link("/", html.Text("Home")), html.Text(" | "),
					gorsc.Link("/todos", html.Text("Todos")), html.Text(" |"), html.Text(" "),
					gorsc.Link("/slow", html.Text("Slow")),
				),
			),
			html.Main(children),
		),
	), nil
}

// Item is one row of the home page.
type Item struct {
	ID          int
	Title       string
	Description string
	Badge       string
}

var badges = []string{"new", "hot", "sale", "info"}

// MakeItems returns n deterministic items, as the reference app's makeItems.
func MakeItems(n int) []Item {
	items := make([]Item, n)
	for i := range items {
		id := i + 1
		n := strconv.Itoa(id) // a template literal's interpolation, as Go writes it without fmt
		items[i] = Item{
			ID:          id,
			Title:       "Item " + n,
			Description: "This is the short description of item number " + n + ".",
			Badge:       badges[id%len(badges)],
		}
	}
	return items
}

// HomePage is "/": the Counter and 200 items, as the reference app's
// page.js (its "#{item.id}" is a number child: gorsc.Number).
func HomePage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	items := MakeItems(200)
	return html.Div(
		// Its first HTML is rendered on the server from the TSX (App.SSR).
		gorsc.Client("components/Counter.tsx", nil),
		html.H1(html.Text("Items")),
		html.Ul(html.Class("items"), gorsc.Map(items, func(it Item) gorsc.Node {
			return html.Li(gorsc.Key(strconv.Itoa(it.ID)), html.Class("item"),
				html.Span(html.Class("id"), html.Text("#"), gorsc.Number(it.ID)), html.Text(" "),
				html.Strong(html.Class("title"), html.Text(it.Title)), html.Text(" "),
				html.Span(html.Class("desc"), html.Text(it.Description)), html.Text(" "),
				html.Span(html.Class("badge badge-"+it.Badge), html.Text(it.Badge)),
			)
		})),
	), nil
}

// Todo is one entry of the in-memory todo list.
type Todo struct {
	ID    int
	Title string
}

// maxTodos bounds the list, as in the reference app, so load tests do not
// grow it without limit.
const maxTodos = 100

type todoStore struct {
	mu     sync.Mutex
	nextID int
	items  []Todo
}

var todos = &todoStore{nextID: 3, items: []Todo{
	{1, "Write the Go framework"},
	{2, "Compare it with Next.js"},
	{3, "Publish the numbers"},
}}

func (s *todoStore) list() []Todo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Todo(nil), s.items...)
}

func (s *todoStore) add(title string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.items = append(s.items, Todo{s.nextID, title})
	if len(s.items) > maxTodos {
		s.items = append([]Todo(nil), s.items[len(s.items)-maxTodos:]...)
	}
}

func (s *todoStore) delete(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, t := range s.items {
		if t.ID == id {
			s.items = append(s.items[:i], s.items[i+1:]...)
			return
		}
	}
}

// AddTodo adds the todo titled by the form's "title" field.
var AddTodo = gorsc.Action(addTodo)

func addTodo(ctx context.Context, form *gorsc.FormData) error {
	title := strings.TrimSpace(form.Get("title"))
	if title == "" {
		title = "untitled"
	}
	todos.add(title)
	gorsc.RevalidatePath(ctx, "/todos")
	return nil
}

// DeleteTodo deletes the todo with the bound id.
var DeleteTodo = gorsc.Action(deleteTodo, gorsc.MustBind(1)) // the id comes only from Bind, sealed

func deleteTodo(ctx context.Context, id int, form *gorsc.FormData) error {
	todos.delete(id)
	gorsc.RevalidatePath(ctx, "/todos")
	return nil
}

// TodosPage is "/todos".
func TodosPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	return html.Div(
		html.H1(html.Text("Todos")),
		html.Form(html.Action(AddTodo),
			html.Input(html.Name("title"), html.Placeholder("What needs doing?")),
			html.Button(html.Type("submit"), html.Text("Add")),
		),
		html.Ul(html.Class("todos"), gorsc.Map(todos.list(), func(t Todo) gorsc.Node {
			return html.Li(gorsc.Key(strconv.Itoa(t.ID)),
				html.Span(html.Text(t.Title)), html.Text(" "),
				html.Form(html.Action(DeleteTodo.Bind(t.ID)), html.Style(map[string]any{"display": "inline"}),
					html.Button(html.Type("submit"), html.Text("Delete")),
				),
			)
		})),
	), nil
}

// SlowPage is "/slow": its list takes 50 ms to load, so the page streams:
// the shell with the fallback first, the list when it is ready.
func SlowPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	return html.Div(
		html.H1(html.Text("Slow")),
		gorsc.Suspense(html.P(html.Text("Loading…")), gorsc.Component(SlowList)),
	), nil
}

// SlowList waits 50 ms, like a slow database query, then lists 20 rows.
func SlowList(ctx context.Context) (gorsc.Node, error) {
	select {
	case <-time.After(50 * time.Millisecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	rows := make([]gorsc.Node, 20)
	for i := range rows {
		rows[i] = html.Li(gorsc.Key(strconv.Itoa(i+1)), html.Textf("Slow item %d", i+1))
	}
	return html.Ul(html.Class("slow"), gorsc.Fragment(rows...)), nil
}

// ParallelPage is "/parallel": three independent lists of 50 ms each. Their
// components run at the same time, so the page takes about 50 ms, not 150,
// and each list streams in as soon as it is ready.
func ParallelPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	section := func(name string) gorsc.Node {
		return html.Section(html.Class("part part-"+name),
			html.H2(html.Text(name)),
			gorsc.Suspense(html.P(html.Class("loading"), html.Textf("Loading %s…", name)),
				gorsc.Component(func(ctx context.Context) (gorsc.Node, error) { return slowItems(ctx, name, 5) })),
		)
	}
	return html.Div(
		html.H1(html.Text("Parallel")),
		section("alpha"), section("beta"), section("gamma"),
	), nil
}

// slowItems waits 50 ms, then lists n items of the named part.
func slowItems(ctx context.Context, name string, n int) (gorsc.Node, error) {
	select {
	case <-time.After(50 * time.Millisecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	items := make([]gorsc.Node, n)
	for i := range items {
		items[i] = html.Li(gorsc.Key(strconv.Itoa(i+1)), html.Textf("%s item %d", name, i+1))
	}
	return html.Ul(html.Class(name), gorsc.Fragment(items...)), nil
}
