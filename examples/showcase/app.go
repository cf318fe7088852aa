package main

import (
	"context"
	"embed"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

//go:embed static
var static embed.FS

// books is the app's store; NewApp sets it.
var books *Store

// statsDelay is how long the stats panel takes: it stands for a slow
// query, streamed behind Suspense while the rest of the page shows.
var statsDelay = 600 * time.Millisecond

// NewApp returns the reading list over store, with the client components
// of dir.
func NewApp(store *Store, dir string) *gorsc.App {
	books = store
	app := &gorsc.App{Dir: dir}
	app.Segment("/", gorsc.Segment{
		Layout:   Layout,
		NotFound: notFound("Nothing here."),
		Metadata: func(ctx context.Context, r *http.Request) (gorsc.Metadata, error) {
			return gorsc.Metadata{Title: "Reading list", Description: "A reading list, served by gorsc."}, nil
		},
	})
	app.Segment("/books", gorsc.Segment{NotFound: notFound("No such book.")})
	app.Page("/", ListPage)
	app.Page("/books/{id}", BookPage)
	app.Page("/about", AboutPage)
	app.Handle("GET /static/", http.FileServerFS(static))
	return app
}

// Layout is the root layout: the document, its stylesheet and the nav.
func Layout(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
	return html.HTML(html.Lang("en"),
		html.Head(
			html.Meta(html.CharSet("utf-8")),
			html.Meta(html.Name("viewport"), html.Content("width=device-width, initial-scale=1")),
			html.Link(html.Rel("stylesheet"), html.Href("/static/style.css")),
			html.Link(html.Rel("icon"), html.Href("data:,")),
		),
		html.Body(
			html.Header(html.Nav(
				gorsc.Link("/", html.Class("brand"), html.Text("📚 Reading list")),
				gorsc.Link("/about", html.Text("About")),
			)),
			html.Main(children),
		),
	), nil
}

func notFound(msg string) gorsc.PageFunc {
	return func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.Div(html.Class("not-found"), html.H1(html.Text(msg)), gorsc.Link("/", html.Text("Back to the list"))), nil
	}
}

// Props of the client components; gorsc types writes their TypeScript
// types beside the TSX (components/*.props.ts).
type (
	SearchProps struct {
		Q string `json:"q"`
	}
	AddBookProps struct {
		Add *gorsc.ServerAction `json:"add"`
	}
	ReadToggleProps struct {
		Read   bool                `json:"read"`
		Toggle *gorsc.ServerAction `json:"toggle"`
	}
	AddedProps struct {
		At time.Time `json:"at"`
	}
)

// ListPage is "/": the books from SQLite matching ?q=, the search box,
// the add form, and the stats panel streamed behind Suspense.
func ListPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	list, err := listBooks(ctx, q)
	if err != nil {
		return nil, err
	}
	st := gorsc.FormStateFor(ctx, AddBook) // after a post without JavaScript
	return html.Div(html.Class("list-page"),
		html.H1(html.Text("Reading list")),
		gorsc.Client("components/Search.tsx#Search", SearchProps{Q: q}, gorsc.Fallback(searchForm(q))),
		html.Ul(html.Class("books"), gorsc.Map(list, bookItem)),
		gorsc.If(len(list) == 0, html.P(html.Class("empty"), html.Text("No books match."))),
		// Client-only: without JavaScript the form is addForm, posted to the
		// Go action (React would render the form of a client function).
		gorsc.Client("components/AddBook.tsx#AddBook", AddBookProps{Add: AddBook}, gorsc.ClientOnly(), gorsc.Fallback(addForm(st))),
		gorsc.Suspense(html.Aside(html.Class("stats loading"), html.Text("Counting…")), gorsc.Component(statsPanel)),
	), nil
}

// searchForm is the search without JavaScript: a GET form.
func searchForm(q string) gorsc.Node {
	return html.Form(html.Class("search"), html.Method("get"), html.ActionURL("/"), html.Role("search"),
		html.Input(html.Type("search"), html.Name("q"), html.DefaultValue(q), html.Placeholder("Search titles and authors"), html.Aria("label", "Search")),
		html.Button(html.Type("submit"), html.Text("Search")))
}

// addForm is the add form without JavaScript: the errors and values of a
// failed post come from FormStateFor.
func addForm(st *gorsc.FormState) gorsc.Node {
	field := func(name, label string) gorsc.Node {
		return html.Label(html.Text(label),
			html.Input(html.Name(name), html.DefaultValue(st.Value(name))),
			html.Span(html.Class("error error-"+name), html.Text(st.Error(name))))
	}
	return html.Form(html.Action(AddBook), html.Class("add"),
		html.H2(html.Text("Add a book")),
		field("title", "Title"), field("author", "Author"),
		html.Button(html.Type("submit"), html.Text("Add")))
}

func bookItem(b Book) gorsc.Node {
	id := strconv.FormatInt(b.ID, 10)
	return html.Li(gorsc.Key(id), html.Class("book"), html.Data("read", strconv.FormatBool(b.Read)),
		gorsc.Link("/books/"+id, html.Class("title"), html.Text(b.Title)),
		html.Span(html.Class("author"), html.Text(b.Author)),
		readToggle(b),
		deleteForm(b, ""),
	)
}

// readToggle is the optimistic read/unread button; without JavaScript, a
// form with the same action.
func readToggle(b Book) gorsc.Node {
	fallback := html.Form(html.Action(ToggleRead.Bind(b.ID)), html.Class("toggle"),
		html.Input(html.Type("hidden"), html.Name("read"), html.Value(strconv.FormatBool(!b.Read))),
		html.Button(html.Type("submit"), html.Class("toggle"), html.Aria("pressed", strconv.FormatBool(b.Read)), html.Text(readLabel(b.Read))))
	return gorsc.Client("components/ReadToggle.tsx#ReadToggle", ReadToggleProps{Read: b.Read, Toggle: ToggleRead.Bind(b.ID)}, gorsc.ClientOnly(), gorsc.Fallback(fallback))
}

func readLabel(read bool) string {
	if read {
		return "✓ Read"
	}
	return "Unread"
}

// deleteForm deletes b: its id is bound (sealed, MustBind), never chosen
// by the browser. With next "/", the action then goes to the list.
func deleteForm(b Book, next string) gorsc.Node {
	return html.Form(html.Action(DeleteBook.Bind(b.ID)), html.Class("delete"),
		gorsc.If(next != "", html.Input(html.Type("hidden"), html.Name("next"), html.Value(next))),
		html.Button(html.Type("submit"), html.Aria("label", "Delete "+b.Title), html.Text("Delete")))
}

func statsPanel(ctx context.Context) (gorsc.Node, error) {
	select {
	case <-time.After(statsDelay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	st, err := bookStats(ctx)
	if err != nil {
		return nil, err
	}
	return html.Aside(html.Class("stats"), html.Textf("You have read %d of %d books.", st.Read, st.Total)), nil
}

// BookPage is "/books/{id}": 404 for an id that is not a book's.
func BookPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, gorsc.NotFound()
	}
	b, err := getBook(ctx, id)
	if errors.Is(err, ErrNoBook) {
		return nil, gorsc.NotFound()
	}
	if err != nil {
		return nil, err
	}
	return html.Article(html.Class("book-page"), html.Data("read", strconv.FormatBool(b.Read)),
		html.H1(html.Text(b.Title)),
		html.P(html.Class("author"), html.Text("by "+b.Author)),
		html.P(html.Class("added"), html.Text("Added "),
			// Client-only: "5 seconds ago" differs between server and browser.
			gorsc.Client("components/Added.tsx#Added", AddedProps{At: b.Added}, gorsc.ClientOnly(),
				gorsc.Fallback(html.Time(html.Text(b.Added.UTC().Format("2 Jan 2006 15:04 UTC")))))),
		html.Div(html.Class("actions"), readToggle(b), deleteForm(b, "/")),
		gorsc.Link("/", html.Class("back"), html.Text("← All books")),
	), nil
}

// AboutPage is "/about".
func AboutPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	return html.Section(html.Class("about"),
		html.H1(html.Text("About")),
		html.P(html.Text("A reading list on SQLite: server components and actions in Go, client components in TSX.")),
	), nil
}

// AddBook adds a book. A missing title or author is a validation error
// that the form shows next to the field, with JavaScript (useActionState
// in AddBook.tsx) and without (FormStateFor, status 422).
var AddBook = gorsc.Action(addBook)

func addBook(ctx context.Context, form *gorsc.FormData) error {
	title := strings.TrimSpace(form.Get("title"))
	author := strings.TrimSpace(form.Get("author"))
	errs := gorsc.ValidationErrors{}
	switch {
	case title == "":
		errs["title"] = "Enter a title."
	case len(title) > 200:
		errs["title"] = "Keep the title under 200 characters."
	}
	switch {
	case author == "":
		errs["author"] = "Enter an author."
	case len(author) > 200:
		errs["author"] = "Keep the author under 200 characters."
	}
	if len(errs) > 0 {
		return errs
	}
	if _, err := books.Add(ctx, title, author); err != nil {
		return err
	}
	booksChanged(ctx)
	return nil
}

// toggleHook, when set (by a test), runs at the start of every toggle.
var toggleHook func()

// ToggleRead marks a book read or unread (form field "read": "true" or
// "false"). The id is bound and must be: MustBind.
var ToggleRead = gorsc.Action(toggleRead, gorsc.MustBind(1))

func toggleRead(ctx context.Context, id int64, form *gorsc.FormData) error {
	if toggleHook != nil {
		toggleHook()
	}
	if err := books.SetRead(ctx, id, form.Get("read") == "true"); errors.Is(err, ErrNoBook) {
		return gorsc.NotFound()
	} else if err != nil {
		return err
	}
	booksChanged(ctx)
	return nil
}

// DeleteBook deletes a book by its bound id; from the book's own page
// (form field next="/") it then goes to the list.
var DeleteBook = gorsc.Action(deleteBook, gorsc.MustBind(1))

func deleteBook(ctx context.Context, id int64, form *gorsc.FormData) error {
	if err := books.Delete(ctx, id); err != nil {
		return err
	}
	booksChanged(ctx)
	if form.Get("next") == "/" {
		return gorsc.Redirect("/")
	}
	return nil
}
