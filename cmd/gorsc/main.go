// Command gorsc builds the browser side of a gorsc app ahead of time.
//
//	gorsc build [-dir .] [-out dist] [-dev]
//
// bundles the app's "use client" modules with the gorsc runtime and the
// app's React (from its node_modules), and writes the hashed files, their
// brotli and gzip copies (compressed once, at the highest ratios; served
// to browsers that accept them) and a manifest into -out. Serve them with gorsc.App{Assets: os.DirFS("dist")},
// or embed the directory (//go:embed dist) for a single binary that needs
// neither Node nor node_modules at run time and starts without bundling.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gorsc/gorsc/internal/bundle"
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "build" {
		fmt.Fprintln(os.Stderr, "usage: gorsc build [-dir app-dir] [-out dist] [-dev]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet("build", flag.ExitOnError)
	dir := fs.String("dir", ".", "app directory: its \"use client\" modules and node_modules")
	out := fs.String("out", "dist", "output directory (relative to the current directory)")
	dev := fs.Bool("dev", false, "build React's development bundles (for App.Dev)")
	fs.Parse(os.Args[2:])

	start := time.Now()
	res, err := bundle.Build(bundle.Options{Dir: *dir, PublicPath: "/_gorsc/", Development: *dev})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Compressed once, at the highest ratios, and served precompressed.
	if err := res.Precompress(true); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Start from an empty directory so stale hashed files do not pile up.
	if err := os.RemoveAll(*out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := res.Save(*out, *dev); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := bundle.CopyPublic(*dir, *out); err != nil { // public/ files, served at "/"
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	total, br := 0, 0
	for url, b := range res.Files {
		total += len(b)
		if enc, ok := res.Encoded[url]["br"]; ok {
			br += len(enc)
		} else {
			br += len(b)
		}
	}
	abs, _ := filepath.Abs(*out)
	fmt.Printf("gorsc: built %d files (%d bytes, %d with brotli) and the server bundle (%d bytes) into %s in %v\n", len(res.Files), total, br, len(res.Server), abs, time.Since(start).Round(time.Millisecond))
}
