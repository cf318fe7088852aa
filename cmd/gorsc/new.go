package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gorsc/gorsc/internal/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	module := fs.String("module", "", "Go module path of the app (default: the directory's name)")
	version := fs.String("gorsc-version", "", "require this gorsc version (default: the version of this gorsc)")
	local := fs.String("gorsc-dir", "", "use the gorsc checkout in this directory (a replace directive)")
	tidy := fs.Bool("tidy", true, "run go mod tidy in the new app (fills go.sum)")
	// The directory may come before the flags: gorsc new DIR -module x.
	var dir string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if dir == "" && fs.NArg() == 1 {
		dir = fs.Arg(0)
	} else if dir == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: gorsc new DIR [-module path] [-gorsc-version v…] [-gorsc-dir checkout]")
		return errUsage
	}

	var src scaffold.Source
	switch {
	case *local != "":
		abs, err := filepath.Abs(*local)
		if err != nil {
			return err
		}
		src = scaffold.Source{Version: "v0.0.0", Dir: abs}
	case *version != "":
		src = scaffold.Source{Version: *version}
	default:
		var err error
		if src, err = scaffold.Locate(); err != nil {
			return err
		}
	}
	wrote, err := scaffold.Create(scaffold.Options{Dir: dir, Module: *module, Gorsc: src})
	if err != nil {
		return err
	}
	abs, _ := filepath.Abs(dir)
	fmt.Fprintf(stdout, "gorsc: created %s (%d files), requiring %s\n", abs, len(wrote), src)

	steps := []string{"cd " + shellQuote(dir), "npm install"}
	if *tidy {
		fmt.Fprintln(stdout, "gorsc: go mod tidy")
		cmd := exec.Command("go", "mod", "tidy")
		cmd.Dir = abs
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(stderr, "gorsc: go mod tidy failed (run it again in %s): %v\n%s", abs, err, out)
			steps = append(steps, "go mod tidy")
		}
	} else {
		steps = append(steps, "go mod tidy")
	}
	steps = append(steps, "go run .                # serves http://127.0.0.1:8080 (-addr host:port for another)",
		"go tool gorsc dev       # or this: rebuilds, restarts and reloads the browser on every edit")
	fmt.Fprintln(stdout, "\nNext:")
	for _, s := range steps {
		fmt.Fprintln(stdout, "  "+s)
	}
	fmt.Fprintln(stdout, "\nThen go test ./... runs the app's test; npm run typecheck checks the TSX;")
	fmt.Fprintln(stdout, "go tool gorsc build && go build -tags gorsc_prebuilt . makes the production binary.")
	return nil
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
