package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/typegen"
)

func runTypes(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("types", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", ".", "app directory: its Go packages and \"use client\" modules")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	return writeTypes(*dir, stdout, stderr)
}

// writeTypes writes the props types of the app's client components
// (typegen) and the client API's declarations (gorsc-env.d.ts) into dir,
// and reports what changed. gorsc build and gorsc types call it.
func writeTypes(dir string, stdout, stderr io.Writer) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	res, err := typegen.Generate(typegen.Options{Dir: abs})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "gorsc: warning:", w)
	}
	wrote, err := res.Write(abs)
	if err != nil {
		return err
	}
	if ok, err := bundle.WriteClientTypes(abs); err != nil {
		return err
	} else if ok {
		wrote = append(wrote, bundle.ClientTypesFile)
	}
	for _, w := range wrote {
		fmt.Fprintf(stdout, "gorsc: wrote %s\n", w)
	}
	return nil
}
