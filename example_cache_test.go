package gorsc_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// exampleLoads counts the loads of ExampleCached's data.
var exampleLoads int

// Products is a cached function: its value is loaded once, then served
// from the app's cache for a minute, and stale for an hour more while it
// reloads; an action calling UpdateTag(ctx, "products") expires it.
var Products = gorsc.Cached("example-products", func(ctx context.Context) ([]string, error) {
	exampleLoads++ // the database query
	return []string{"tea", "coffee"}, nil
}, gorsc.CacheTags("products"), gorsc.CacheLife(time.Minute, time.Hour))

// A page reading cached data: three requests, one load.
func ExampleCached() {
	exampleLoads = 0
	app := &gorsc.App{Assets: os.DirFS("testdata/assets"), Secret: []byte("example")}
	app.Page("/products", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		products, err := Products(ctx)
		if err != nil {
			return nil, err
		}
		return html.Ul(gorsc.Map(products, func(p string) gorsc.Node { return html.Li(html.Text(p)) })), nil
	})
	if err := app.Prepare(); err != nil {
		log.Fatal(err)
	}
	for range 3 {
		rec := httptest.NewRecorder()
		app.ServeHTTP(rec, httptest.NewRequest("GET", "/products", nil))
		fmt.Println(rec.Code, regexp.MustCompile(`<ul>.*</ul>`).FindString(rec.Body.String()))
	}
	fmt.Println("loads:", exampleLoads)
	// Output:
	// 200 <ul><li>tea</li><li>coffee</li></ul>
	// 200 <ul><li>tea</li><li>coffee</li></ul>
	// 200 <ul><li>tea</li><li>coffee</li></ul>
	// loads: 1
}
