// Command bench serves gorsc's three reference pages, the same pages (same
// URLs, same DOM) as the Next.js app in ../shared/anchors/next-bench:
//
//	/       header nav, the Counter client component, h1 Items, 200 li.item
//	/todos  a form that adds todos, a list with a Delete form per todo
//	/slow   a list that takes 50 ms to load
//
// Run it from this directory after "npm ci": go run . [-addr 127.0.0.1:8080]
// For production-like starts, prebuild the browser assets:
//
//	go run ../../cmd/gorsc build -out dist && go run . -assets dist
package main

import (
	"flag"
	"log"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("dir", ".", "app directory (holds components/ and node_modules/)")
	assets := flag.String("assets", "", `prebuilt browser assets ("gorsc build -out DIR"); when empty, bundle at start`)
	ssr := flag.Bool("ssr", true, "server-render client components (false: App.SSR.Disabled)")
	flag.Parse()

	app := NewApp(*dir)
	app.SSR.Disabled = !*ssr
	if *assets != "" {
		app.Assets = os.DirFS(*assets)
	}
	// Timeouts against slow clients; drains in-flight requests on SIGTERM.
	if err := app.ListenAndServe(*addr); err != nil {
		log.Fatal(err)
	}
}
