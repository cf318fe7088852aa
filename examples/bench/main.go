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
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("dir", ".", "app directory (holds components/ and node_modules/)")
	assets := flag.String("assets", "", `prebuilt browser assets ("gorsc build -out DIR"); when empty, bundle at start`)
	flag.Parse()

	app := NewApp(*dir)
	if *assets != "" {
		app.Assets = os.DirFS(*assets)
	}
	if err := app.Prepare(); err != nil {
		log.Fatal(err)
	}
	log.Printf("gorsc bench app listening on http://%s", *addr)
	srv := &http.Server{Addr: *addr, Handler: app}
	if err := srv.ListenAndServe(); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}
