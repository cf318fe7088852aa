package gorsc_test

import (
	"context"
	"fmt"
	"log"
	"net/http"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// A server action that a form calls. With JavaScript the browser runtime
// calls it and shows the re-rendered page without a reload; without
// JavaScript the form posts, the action runs and the page redirects back.
func ExampleAction() {
	type store struct{ titles []string }
	s := &store{}
	add := gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
		s.titles = append(s.titles, form.Get("title"))
		gorsc.RevalidatePath(ctx, "/")
		return nil
	})
	_ = html.Form(html.Action(add),
		html.Input(html.Name("title")),
		html.Button(html.Type("submit"), html.Text("Add")),
	)
}

// Bound arguments come back in front of the form's data, like JavaScript's
// fn.bind(null, id).
func ExampleServerAction_Bind() {
	remove := gorsc.Action(func(ctx context.Context, id int, form *gorsc.FormData) error {
		fmt.Println("delete", id)
		return nil
	})
	_ = html.Form(html.Action(remove.Bind(42)), html.Button(html.Text("Delete")))
}

// A client component: components/Counter.tsx starts with "use client" and
// exports Counter. Props are sent to the browser as JSON-like data; the
// fallback is shown until React has rendered the component.
func ExampleClient() {
	type CounterProps struct {
		Start int    `json:"start"`
		Label string `json:"label"`
	}
	_ = gorsc.Client("components/Counter.tsx#Counter",
		CounterProps{Start: 3, Label: "Clicks"},
		gorsc.WithFallback(html.Button(html.Text("Clicks: 3"))),
	)
}

// A whole app: a root layout, a page, and a server that serves them.
func ExampleApp() {
	app := &gorsc.App{Dir: "."} // holds components/ and node_modules/
	app.Layout(func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
		return html.HTML(html.Lang("en"),
			html.Head(html.Meta(html.CharSet("utf-8")), html.Title(html.Text("My app"))),
			html.Body(html.Main(children)),
		), nil
	})
	app.Page("/hello/{name}", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.H1(html.Text("Hello, "), html.Text(r.PathValue("name"))), nil
	})
	if err := app.Prepare(); err != nil { // bundles the client code
		log.Fatal(err)
	}
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", app))
}

// A server component is a Go function; it may load data and fail.
func ExampleComponent() {
	userName := func(ctx context.Context) (string, error) { return "Ada", nil }
	greeting := gorsc.Component(func(ctx context.Context) (gorsc.Node, error) {
		name, err := userName(ctx)
		if err != nil {
			return nil, err
		}
		return html.P(html.Text("Welcome back, "), html.Text(name)), nil
	})
	_ = html.Div(greeting)
}
