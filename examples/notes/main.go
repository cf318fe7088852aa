// Command notes is a small gorsc app that shows the router: nested
// layouts, a dynamic segment, loading and error UI, not-found pages, a
// route group, redirects, and client navigation with gorsc.Link.
//
// Run it from this directory after "npm ci": go run . [-addr 127.0.0.1:8081]
package main

import (
	"flag"
	"log"
	"net/http"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	dir := flag.String("dir", ".", "app directory (holds components/ and node_modules/)")
	flag.Parse()
	app := NewApp(*dir)
	if err := app.Prepare(); err != nil {
		log.Fatal(err)
	}
	log.Printf("notes app listening on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, app))
}
