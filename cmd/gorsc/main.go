// Command gorsc is the gorsc app tool.
//
//	gorsc new DIR
//
// creates a working app in DIR and prints the commands that run it. Its
// go.mod requires the gorsc this command was built from: its module
// version, or, when run from a checkout (go run ./cmd/gorsc new DIR), that
// checkout through a replace directive.
//
//	gorsc build [-dir .] [-out dist] [-dev]
//
// bundles the app's "use client" modules with the gorsc runtime and the
// app's React (from its node_modules), and writes the hashed files, their
// brotli and gzip copies (compressed once, at the highest ratios, served
// to browsers that accept them) and a manifest into -out. Serve them with gorsc.App{Assets: os.DirFS("dist")},
// or embed the directory for a single binary that needs neither Node nor
// node_modules at run time and starts without bundling:
//
//	//go:embed all:dist
//	var dist embed.FS
//	…
//	app.Assets = gorsc.Prebuilt(dist, "dist") // nil before the first build
//
//	gorsc dev [-dir .] [-addr 127.0.0.1:8080]
//
// serves the app for development (see internal/devserver): a proxy on
// -addr in front of the app, which is rebuilt and restarted when its Go,
// TSX or CSS files change, with the browser reloaded and build errors
// shown in the page.
//
//	gorsc types [-dir .]
//
// writes the TypeScript types of the props of every client component the
// Go code references (components/Counter.props.ts beside Counter.tsx, from
// a static scan of the gorsc.Client calls) and gorsc-env.d.ts, the types
// of gorsc/client. gorsc build writes them too.
//
// gorsc build can run any number of times: the output directory (and any
// directory holding a build's manifest) is never scanned for client
// modules, and only the files the previous build wrote are replaced.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  gorsc new DIR [-module path] [-gorsc-version v…] [-gorsc-dir checkout]
        create a new app: a Go module, pinned React, layout, pages, a client
        component, a server action writing to SQLite, CSS and a test
  gorsc dev [-dir app-dir] [-addr 127.0.0.1:8080] [-- app flags]
        serve the app for development: rebuild and restart on changes, reload
        the browser, show build errors in the page
  gorsc build [-dir app-dir] [-out dist] [-dev] [-types=false]
        build the browser assets ahead of time (and write the TypeScript types)
  gorsc types [-dir app-dir]
        write the props types of the client components (File.props.ts, from
        the Go values passed to gorsc.Client) and gorsc-env.d.ts (gorsc/client)
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		err = runBuild(args[1:], stdout, stderr)
	case "dev":
		err = runDev(args[1:], stdout, stderr)
	case "new":
		err = runNew(args[1:], stdout, stderr)
	case "types":
		err = runTypes(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "gorsc: unknown command %q\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		if err != errUsage {
			fmt.Fprintln(stderr, err)
		}
		return 1
	}
	return 0
}
