package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gorsc/gorsc/internal/bundle"
)

// errUsage is a flag error already reported by the flag set.
var errUsage = errors.New("usage")

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", ".", "app directory: its \"use client\" modules and node_modules")
	out := fs.String("out", "dist", "output directory (relative to the current directory)")
	dev := fs.Bool("dev", false, "build React's development bundles (for App.Dev)")
	types := fs.Bool("types", true, "write the TypeScript types first (as gorsc types)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	absDir, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	if absOut == absDir || strings.HasPrefix(absDir+string(filepath.Separator), absOut+string(filepath.Separator)) {
		return fmt.Errorf("gorsc build: -out %s would hold the app directory %s; write the build into a directory of its own, like -out dist", *out, absDir)
	}

	start := time.Now()
	if *types {
		if err := writeTypes(absDir, stdout, stderr); err != nil {
			return fmt.Errorf("%w\n(gorsc build -types=false skips the TypeScript types)", err)
		}
	}
	res, err := bundle.Build(bundle.Options{Dir: absDir, PublicPath: "/_gorsc/", Development: *dev, Exclude: []string{absOut}})
	if err != nil {
		return err
	}
	// Compressed once, at the highest ratios, and served precompressed.
	if err := res.Precompress(true); err != nil {
		return err
	}
	removed, err := bundle.WriteDir(res, absOut, *dev)
	if err != nil {
		return err
	}
	// public/ files, served at "/": out/public is gorsc build's own copy,
	// made anew.
	if err := os.RemoveAll(filepath.Join(absOut, bundle.PublicDir)); err != nil {
		return err
	}
	if _, err := bundle.CopyPublic(absDir, absOut); err != nil {
		return err
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
	fmt.Fprintf(stdout, "gorsc: built %d files (%d bytes, %d with brotli) and the server bundle (%d bytes) into %s in %v", len(res.Files), total, br, len(res.Server), absOut, time.Since(start).Round(time.Millisecond))
	if removed > 0 {
		fmt.Fprintf(stdout, "; removed %d files of the previous build", removed)
	}
	fmt.Fprintln(stdout)
	return nil
}
