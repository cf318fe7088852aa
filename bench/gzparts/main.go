// Command gzparts shows where the gzip bytes of a page go: what each part
// of the document (head, the HTML before the list, the list's HTML, the
// inline Flight rows before the list, the list's rows, the rest) adds to
// the gzip -9 size of everything before it, and what the two lists would
// cost if each item's HTML and its Flight row sat side by side (the best
// any ordering within gzip's 32 KB window could do).
//
//	curl -s 127.0.0.1:3200/ | go run ./bench/gzparts
//
// It reads gorsc's "/" of examples/bench: a <ul class="items"> of <li>
// items and their rows ["$","li",…] in the inline Flight script, or, as
// gorsc sends them by default, the template the browser fills from the
// list's HTML (internal/domrows; App.InlineAllRows sends the rows).
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"log"
	"os"
)

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func main() {
	page, err := io.ReadAll(os.Stdin)
	if err != nil {
		log.Fatal(err)
	}
	marks := []string{"<body>", `<ul class="items">`, "</ul>", "<script>", `["$","ul"`, "</script>"}
	names := []string{"head", "body before the list", "the list's HTML", "after the list", "Flight rows before the list", "the list's rows or template", "the rest"}
	pos := []int{0}
	for _, m := range marks {
		i := bytes.Index(page[pos[len(pos)-1]:], []byte(m))
		if i < 0 {
			log.Fatalf("%q not found after byte %d", m, pos[len(pos)-1])
		}
		pos = append(pos, pos[len(pos)-1]+i)
	}
	pos = append(pos, len(page))
	fmt.Printf("%-28s %8s %8s\n", "part", "bytes", "gzip +")
	prev := 0
	for i, name := range names {
		g := gz(page[:pos[i+1]])
		fmt.Printf("%-28s %8d %8d\n", name, pos[i+1]-pos[i], g-prev)
		prev = g
	}
	fmt.Printf("%-28s %8d %8d\n", "total", len(page), prev)

	// The items, HTML and rows, side by side.
	htmlItems := split(page[pos[2]:pos[3]], []byte(`<li `))
	rowItems := split(page[pos[5]:pos[6]], []byte(`["$","li"`))
	if len(htmlItems) != len(rowItems) || len(htmlItems) == 0 {
		log.Fatalf("%d items in the HTML, %d in the rows", len(htmlItems), len(rowItems))
	}
	var apart, together []byte
	for _, h := range htmlItems {
		apart = append(apart, h...)
	}
	for _, r := range rowItems {
		apart = append(apart, r...)
	}
	for i := range htmlItems {
		together = append(append(together, htmlItems[i]...), rowItems[i]...)
	}
	fmt.Printf("\n%d items: HTML then rows %d gzip bytes; each item's HTML beside its row %d\n", len(htmlItems), gz(apart), gz(together))
}

// split cuts b before each occurrence of sep (what precedes the first is
// dropped).
func split(b, sep []byte) [][]byte {
	var out [][]byte
	i := bytes.Index(b, sep)
	for i >= 0 {
		j := bytes.Index(b[i+len(sep):], sep)
		if j < 0 {
			out = append(out, b[i:])
			break
		}
		out = append(out, b[i:i+len(sep)+j])
		i += len(sep) + j
	}
	return out
}
