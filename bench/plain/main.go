// Command plain is the third server of bench/compare.sh: the bench app's
// "/" page written with Go's html/template — the same DOM as gorsc's and
// Next.js's (the header nav, the Counter's button, h1 Items, 200 li.item)
// as HTML only: no React, no Flight payload, no hydration. It is the speed
// a Go team gets without React.
//
// It also serves the machine's ceiling: GET /ceiling/N answers N bytes
// prepared in memory, so that each figure of the comparison can be read
// as a fraction of what the machine can push for an answer of that size.
//
//	go run ./bench/plain [-addr 127.0.0.1:3300] [-compress=true]
//
// With -compress (the default) "/" is compressed by Accept-Encoding with
// gorsc's own compressor (internal/compress), as gorsc compresses its
// pages, so the compressed cases compare the same codings at the same
// levels. The ceiling is never compressed: ask for the size on the wire.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gorsc/gorsc/internal/compress"
)

// page is "/" of examples/bench: the markup react-dom/server writes for
// it, less React's text separators and the scripts.
var page = template.Must(template.New("home").Parse(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>gorsc-bench</title><meta name="description" content="gorsc benchmark app"/><link rel="icon" href="data:,"/></head><body><header><nav><a href="/">Home</a> | <a href="/todos">Todos</a> | <a href="/slow">Slow</a></nav></header><main><div><button type="button">Count: 0</button><h1>Items</h1><ul class="items">
{{- range .}}<li class="item"><span class="id">#{{.ID}}</span> <strong class="title">{{.Title}}</strong> <span class="desc">{{.Description}}</span> <span class="badge badge-{{.Badge}}">{{.Badge}}</span></li>{{end -}}
</ul></div></main></body></html>`))

// Item is one row of the page, as examples/bench's Item.
type Item struct {
	ID          int
	Title       string
	Description string
	Badge       string
}

var badges = []string{"new", "hot", "sale", "info"}

// makeItems returns n items, made per request as gorsc's page makes them.
func makeItems(n int) []Item {
	items := make([]Item, n)
	for i := range items {
		id := i + 1
		items[i] = Item{ID: id, Title: fmt.Sprintf("Item %d", id),
			Description: fmt.Sprintf("This is the short description of item number %d.", id), Badge: badges[id%len(badges)]}
	}
	return items
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func home(w http.ResponseWriter, r *http.Request) {
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	if err := page.Execute(b, makeItems(200)); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// maxCeiling bounds the size of a ceiling answer, in bytes.
const maxCeiling = 16 << 20

var ceilings sync.Map // size → []byte

// ceiling answers /ceiling/N with N bytes made once and kept in memory.
func ceiling(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n > maxCeiling {
		http.Error(w, "size out of range", http.StatusBadRequest)
		return
	}
	v, ok := ceilings.Load(n)
	if !ok {
		v, _ = ceilings.LoadOrStore(n, bytes.Repeat([]byte("x"), n))
	}
	body := v.([]byte)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:3300", "address to listen on")
	compressed := flag.Bool("compress", true, "compress / by Accept-Encoding, as gorsc does")
	flag.Parse()
	var h http.Handler = http.HandlerFunc(home)
	if *compressed {
		h = compress.New(nil).Handler(h)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", h)
	mux.HandleFunc("GET /ceiling/{n}", ceiling)
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	log.Printf("plain: listening on http://%s", *addr)
	log.Fatal(srv.ListenAndServe())
}
