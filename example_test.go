package gorsc_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// The examples serve the prebuilt assets in testdata/assets, as a
// production binary serves the output of "gorsc build", so they run
// without npm packages.

// A whole app: a root layout and a page, answering a request.
func ExampleApp() {
	app := &gorsc.App{Assets: os.DirFS("testdata/assets"), Secret: []byte("example")}
	app.Layout(func(ctx context.Context, r *http.Request, children gorsc.Node) (gorsc.Node, error) {
		return html.HTML(html.Lang("en"),
			html.Head(html.Meta(html.CharSet("utf-8")), html.Title(html.Text("My app"))),
			html.Body(html.Main(children)),
		), nil
	})
	app.Page("/hello/{name}", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.H1(html.Text("Hello, "), html.Text(r.PathValue("name"))), nil
	})
	if err := app.Prepare(); err != nil { // bundles the client code, or loads Assets
		log.Fatal(err)
	}

	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/hello/Ada", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(regexp.MustCompile(`<h1>.*</h1>`).FindString(rec.Body.String()))
	// Output:
	// 200 text/html; charset=utf-8
	// <h1>Hello, <!-- -->Ada</h1>
}

// A server action that a form calls. Without JavaScript the form posts,
// the action runs and the browser is sent back to the page (303); with
// JavaScript the browser runtime calls it and shows the re-rendered page
// without a reload.
func ExampleAction() {
	var titles []string
	add := gorsc.Action(func(ctx context.Context, form *gorsc.FormData) error {
		titles = append(titles, form.Get("title"))
		gorsc.RevalidatePath(ctx, "/")
		return nil
	})
	app := &gorsc.App{Assets: os.DirFS("testdata/assets"), Secret: []byte("example")}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(
			html.Form(html.Action(add),
				html.Input(html.Name("title")),
				html.Button(html.Type("submit"), html.Text("Add")),
			),
		)), nil
	})

	// What a browser without JavaScript posts when the form is submitted.
	page := getPage(app, "/")
	field := regexp.MustCompile(`name="(\$ACTION_ID_[0-9a-f]+)"`).FindStringSubmatch(page)[1]
	var body strings.Builder
	mw := multipart.NewWriter(&body)
	mw.WriteField(field, "")
	mw.WriteField("title", "Buy milk")
	mw.Close()
	req := httptest.NewRequest("POST", "/", strings.NewReader(body.String()))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Location"), titles)
	// Output: 303 / [Buy milk]
}

// A client component: components/Counter.tsx starts with "use client" and
// exports Counter. Props are sent to the browser as JSON-like data; React
// renders the component in the browser.
func ExampleClient() {
	type CounterProps struct {
		Start int    `json:"start"`
		Label string `json:"label"`
	}
	app := &gorsc.App{Assets: os.DirFS("testdata/assets"), Secret: []byte("example")}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return gorsc.Client("components/Counter.tsx#Counter",
			CounterProps{Start: 3, Label: "Clicks"},
			gorsc.Fallback(html.Button(html.Text("Clicks: 3"))),
		), nil
	})

	// The Flight payload the client router fetches: the client reference
	// (an I row naming the module, outlined as React 19.3 does, and its
	// export) and the element with
	// its props, inside the Suspense boundary that holds its fallback. (A
	// page without a root layout gets a default document around it.)
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("RSC", "1")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	fmt.Print(rec.Body.String())
	// Output:
	// 1:"$Sreact.suspense"
	// 2:"/_gorsc/Counter-FIXTURE.js"
	// 3:I["$2",["$2","$2"],"Counter"]
	// 0:["$","html",null,{"children":[["$","head",null,{"children":["$","meta",null,{"charSet":"utf-8"}]}],["$","body",null,{"children":["$","$1",null,{"fallback":["$","button",null,{"children":"Clicks: 3"}],"children":["$","$L3",null,{"start":3,"label":"Clicks"}]}]}]]}]

}

// Bound arguments come back in front of the form's data, like JavaScript's
// fn.bind(null, id); MustBind makes the action refuse calls that do not
// carry them sealed.
func ExampleServerAction_Bind() {
	remove := gorsc.Action(func(ctx context.Context, id int, form *gorsc.FormData) error {
		fmt.Println("delete", id)
		return nil
	}, gorsc.MustBind(1))
	_ = html.Form(html.Action(remove.Bind(42)), html.Button(html.Text("Delete")))
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
	app := &gorsc.App{Assets: os.DirFS("testdata/assets"), Secret: []byte("example")}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.HTML(html.Body(greeting)), nil
	})
	fmt.Println(regexp.MustCompile(`<p>.*</p>`).FindString(getPage(app, "/")))
	// Output: <p>Welcome back, <!-- -->Ada</p>
}

// A page that is not there: NotFound shows the nearest not-found page
// with status 404, inside the layouts.
func ExampleNotFound() {
	app := &gorsc.App{Assets: os.DirFS("testdata/assets"), Secret: []byte("example")}
	app.NotFoundPage(func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return html.P(html.Text("No such note.")), nil
	})
	app.Page("/notes/{id}", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		if r.PathValue("id") != "1" {
			return nil, gorsc.NotFound()
		}
		return html.P(html.Text("Note 1")), nil
	})
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, httptest.NewRequest("GET", "/notes/2", nil))
	fmt.Println(rec.Code, regexp.MustCompile(`<p>.*</p>`).FindString(rec.Body.String()))
	// Output: 404 <p>No such note.</p>
}

func getPage(h http.Handler, path string) string {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}
