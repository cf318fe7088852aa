// Command showcase is a small real gorsc app: a reading list in SQLite.
// It shows a root layout with navigation, a list page that queries the
// database with search (?q=) and an add form validated with
// useActionState (JavaScript on and off), a detail page with a dynamic
// segment and 404 for unknown ids, a delete button with a bound id, an
// optimistic read toggle, a slow panel streamed behind Suspense, an npm
// React component (react-timeago), and a stylesheet.
//
// Run it from this directory: npm ci && go run . [-addr 127.0.0.1:8080]
//
// Several instances share data, cache and revalidation: one database file
// (-db), one Redis (-redis, or REDIS_URL) and one GORSC_SECRET (so that
// action ids match). An action served by one instance shows on the other
// at once:
//
//	GORSC_SECRET=s go run . -addr 127.0.0.1:8081 -db /tmp/books.db -redis redis://127.0.0.1:6379/0 &
//	GORSC_SECRET=s go run . -addr 127.0.0.1:8082 -db /tmp/books.db -redis redis://127.0.0.1:6379/0 &
package main

import (
	"embed"
	"flag"
	"log"
	"os"

	"github.com/gorsc/gorsc"
)

// dist holds the assets of "gorsc build" when built; before that, the
// placeholder only, and the app bundles at start.
//
//go:embed all:dist
var dist embed.FS

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	dbPath := flag.String("db", "showcase.db", "SQLite database file, created (with three books) on first start")
	redisURL := flag.String("redis", os.Getenv("REDIS_URL"), "Redis URL (redis://HOST:PORT/N) of a cache shared by several instances; default $REDIS_URL; empty: a cache in this process")
	flag.Parse()
	store, err := OpenStore(*dbPath)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	app := NewApp(store, ".")
	app.Assets = gorsc.Prebuilt(dist, "dist")
	if *redisURL != "" {
		c, err := gorsc.NewRedisCache(*redisURL, nil)
		if err != nil {
			log.Fatal(err)
		}
		defer c.Close()
		app.Cache = c
	}
	log.Printf("serving the reading list on http://%s", *addr)
	if err := app.ListenAndServe(*addr); err != nil {
		log.Fatal(err)
	}
}
