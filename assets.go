package gorsc

import (
	"io/fs"
	"os"

	"github.com/gorsc/gorsc/internal/assets"
)

// Prebuilt returns the browser assets that "gorsc build -out dir" wrote
// into fsys, for [App.Assets]; nil when dir holds no build yet, so that
// the app bundles its client code at start (from node_modules), as in
// development. With a placeholder committed in the output directory
// (gorsc build writes dist/.gitignore), the same code compiles and runs
// before the first build and serves the embedded build after it:
//
//	//go:embed all:dist
//	var dist embed.FS
//
//	app.Assets = gorsc.Prebuilt(dist, "dist")
//
// Under "gorsc dev" (GORSC_DEV=1) it returns nil: the app bundles its
// current client code.
func Prebuilt(fsys fs.FS, dir string) fs.FS {
	if devMode() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil || !assets.HasManifest(sub) {
		return nil
	}
	return sub
}

// devMode reports whether the app runs under "gorsc dev", which sets
// GORSC_DEV=1: App.Dev is then on, and Prebuilt returns nil.
func devMode() bool { return os.Getenv("GORSC_DEV") == "1" }
