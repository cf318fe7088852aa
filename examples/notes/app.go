package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// Note is one note.
type Note struct {
	ID, Title, Body string
}

var notes = []Note{
	{"1", "Groceries", "Milk, eggs, bread."},
	{"2", "Ideas", "A Go server for React Server Components."},
	{"slow", "A slow note", "This note takes 300 ms to load."},
	{"broken", "A broken note", "Loads on every second try."},
}

func findNote(id string) (Note, bool) {
	for _, n := range notes {
		if n.ID == id {
			return n, true
		}
	}
	return Note{}, false
}

// brokenLoads counts loads of the broken note: odd ones fail.
var brokenLoads atomic.Int64

// likes counts each note's likes.
var likes = struct {
	sync.Mutex
	n map[string]int
}{n: map[string]int{}}

func likesOf(id string) int {
	likes.Lock()
	defer likes.Unlock()
	return likes.n[id]
}

// Like is a server action: it likes a note and re-renders the page, which
// the browser shows in the same round trip.
var Like = gorsc.Action(likeNote, gorsc.MustBind(1))

func likeNote(ctx context.Context, id string, form *gorsc.FormData) error {
	if _, ok := findNote(id); !ok {
		return gorsc.NotFound()
	}
	likes.Lock()
	likes.n[id]++
	likes.Unlock()
	gorsc.RevalidatePath(ctx, "/notes/"+id)
	return nil
}

// noteCSS is the CSS Module of the note pages, with the classes they use.
var noteCSS = gorsc.CSSModule("components/note.module.css", "card", "like")

// NewApp returns the notes app served from dir.
func NewApp(dir string) *gorsc.App {
	app := &gorsc.App{Dir: dir}
	// On every page: Tailwind CSS and the app's own rules.
	app.Stylesheet("styles/global.css")
	app.Segment("/", gorsc.Segment{Layout: RootLayout, NotFound: RootNotFound, Metadata: func(ctx context.Context, r *http.Request) (gorsc.Metadata, error) {
		return gorsc.Metadata{Title: "gorsc notes", Description: "Notes, served by gorsc."}, nil
	}})
	// A segment at the page's own pattern gives each note its title.
	app.Segment("/notes/{id}", gorsc.Segment{Metadata: func(ctx context.Context, r *http.Request) (gorsc.Metadata, error) {
		n, ok := findNote(r.PathValue("id"))
		if !ok {
			return gorsc.Metadata{Title: "No such note"}, nil
		}
		return gorsc.Metadata{Title: n.Title + " · gorsc notes", OpenGraph: map[string]string{"title": n.Title}}, nil
	}})
	app.Segment("/notes", gorsc.Segment{
		Layout:      NotesLayout,
		Stylesheets: []string{"styles/notes.css"},
		Loading:     text("p", "loading", "Loading note…"),
		Error:       text("p", "note-error", "This note could not be loaded."),
		NotFound:    text("h2", "missing", "No such note."),
	})
	app.Segment("/(info)", gorsc.Segment{Layout: InfoLayout})
	app.Page("/", HomePage)
	app.Page("/notes", NotesIndex)
	app.Page("/notes/{id}", NotePage)
	app.Page("/(info)/about", text("p", "about", "gorsc shows notes."))
	app.Page("/(info)/contact", text("p", "contact", "Write to us."))
	app.Page("/tags/{tag}", TagPage)
	app.Page("/old-notes", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return nil, gorsc.Redirect("/notes")
	})
	return app
}

// text returns a page that renders one element with a class and text.
func text(tag, class, s string) gorsc.PageFunc {
	return func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.El(tag, html.Class(class), html.Text(s)), nil
	}
}

// RootLayout renders the document, a nav and a client component whose
// state survives client navigations.
func RootLayout(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
	return html.HTML(html.Lang("en"),
		html.Head(
			html.Meta(html.CharSet("utf-8")),
			html.Link(html.Rel("icon"), html.Href("data:,")),
		),
		html.Body(
			html.Header(html.Class("flex items-center justify-between border-b border-slate-200 px-6 py-3"),
				html.Nav(
					gorsc.Link("/", html.Text("Home")), html.Text(" "),
					gorsc.Link("/notes", html.Text("Notes")), html.Text(" "),
					gorsc.Link("/about", html.Text("About")),
				),
				gorsc.Client("components/Clicker.tsx#Clicker", nil), // server-rendered from its TSX
			),
			html.Main(children),
		),
	), nil
}

// RootNotFound is the app's 404 page.
func RootNotFound(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	return html.H1(html.Class("not-found"), html.Text("Nothing here.")), nil
}

// HomePage links to the notes.
func HomePage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	return html.Div(html.H1(html.Text("Notes app")),
		gorsc.Link("/notes/1", gorsc.Prefetch(gorsc.PrefetchViewport), html.Text("First note")), html.Text(" "),
		gorsc.Link("/old-notes", html.ID("old"), html.Text("Old notes")), html.Text(" "),
		gorsc.Link("/tags/go", html.ID("tag-go"), html.Text("#go")),
	), nil
}

// NotesLayout lists the notes beside the selected one.
func NotesLayout(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
	return html.Div(html.Class("notes"),
		html.Aside(html.Ul(gorsc.Map(notes, func(n Note) gorsc.Node {
			return html.Li(gorsc.Key(n.ID), gorsc.Link("/notes/"+n.ID, html.Text(n.Title)))
		}))),
		html.Article(children),
	), nil
}

// NotesIndex is "/notes".
func NotesIndex(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	return html.P(html.Class("pick"), html.Text("Pick a note.")), nil
}

// NotePage is "/notes/{id}", a dynamic segment.
func NotePage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	n, ok := findNote(r.PathValue("id"))
	if !ok {
		return nil, gorsc.NotFound()
	}
	switch n.ID {
	case "slow":
		select {
		case <-time.After(300 * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	case "broken":
		if brokenLoads.Add(1)%2 == 1 {
			return nil, errors.New("the note store timed out")
		}
	}
	return html.Div(html.Class("note "+noteCSS.Class("card")), noteCSS.Stylesheet(),
		html.H2(html.Text(n.Title)), html.P(html.Text(n.Body)),
		html.Form(html.Action(Like.Bind(n.ID)), html.Class(noteCSS.Class("like")),
			html.Button(html.Type("submit"), html.Class("like"), html.Text(fmt.Sprintf("Likes: %d", likesOf(n.ID)))))), nil
}

// InfoLayout wraps the pages of the (info) route group, which share it
// without a URL segment: /about and /contact.
func InfoLayout(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
	return html.Section(html.Class("info"), html.H1(html.Text("About gorsc notes")), children), nil
}

// TagPage is "/tags/{tag}": only the tags "go" and "café" exist; the
// others are 404.
func TagPage(ctx context.Context, r *http.Request) (gorsc.Node, error) {
	tag := r.PathValue("tag")
	if tag != "go" && tag != "café" {
		return nil, gorsc.NotFound()
	}
	return gorsc.Client("components/Tag.tsx#Tag", map[string]any{"tag": tag},
		gorsc.Fallback(html.H1(html.Class("tag"), html.Text("#"+tag)))), nil
}
