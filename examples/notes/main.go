// Command notes is a small gorsc app that shows the router: nested
// layouts, a dynamic segment, loading and error UI, not-found pages, a
// route group, redirects, and client navigation with gorsc.Link. It is
// styled: a global stylesheet compiled by Tailwind CSS (npm ci installs
// it; it runs when the app is built, never when it serves), a segment's
// stylesheet, a CSS Module used from Go, and client components that
// import CSS and a CSS Module.
//
// Run it from this directory after "npm ci": go run . [-addr 127.0.0.1:8081]
package main

import (
	"flag"
	"log"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	dir := flag.String("dir", ".", "app directory (holds components/ and node_modules/)")
	flag.Parse()
	app := NewApp(*dir)
	// Timeouts against slow clients; drains in-flight requests on SIGTERM.
	if err := app.ListenAndServe(*addr); err != nil {
		log.Fatal(err)
	}
}
