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
//
// Several instances share their cache (values, cached pages and
// invalidations) through Redis, given by -redis or REDIS_URL; they need
// the same GORSC_SECRET so that action ids match:
//
//	GORSC_SECRET=s go run . -addr 127.0.0.1:8081 -redis redis://127.0.0.1:6379/0
//	GORSC_SECRET=s go run . -addr 127.0.0.1:8082 -redis redis://127.0.0.1:6379/0
package main

import (
	"flag"
	"log"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/gorsc/gorsc"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := flag.String("dir", ".", "app directory (holds components/ and node_modules/)")
	assets := flag.String("assets", "", `prebuilt browser assets ("gorsc build -out DIR"); when empty, bundle at start`)
	ssr := flag.Bool("ssr", true, "server-render client components (false: App.SSR.Disabled)")
	redisURL := flag.String("redis", os.Getenv("REDIS_URL"), "Redis URL (redis://HOST:PORT/N) of a cache shared by several instances; default $REDIS_URL; empty: a cache in this process")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file (read it with go tool pprof)")
	heapProfile := flag.String("heapprofile", "", "write a heap profile (live memory after a collection, and what was allocated) to this file when the server stops")
	flag.Parse()

	stopProfile := func() {}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		// ListenAndServe returns after SIGTERM or SIGINT has drained the
		// requests in flight; the profile is complete then.
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
	}

	app := NewApp(*dir)
	app.SSR.Disabled = !*ssr
	if *assets != "" {
		app.Assets = os.DirFS(*assets)
	}
	if *redisURL != "" {
		c, err := gorsc.NewRedisCache(*redisURL, nil)
		if err != nil {
			log.Fatal(err)
		}
		defer c.Close()
		app.Cache = c
	}
	// Timeouts against slow clients; drains in-flight requests on SIGTERM.
	err := app.ListenAndServe(*addr)
	stopProfile()
	if *heapProfile != "" {
		f, err := os.Create(*heapProfile)
		if err != nil {
			log.Fatal(err)
		}
		runtime.GC() // the live heap as of the last collection is what the profile shows
		if err := pprof.WriteHeapProfile(f); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
	if err != nil {
		log.Fatal(err)
	}
}
