package gorsc

import (
	"io/fs"

	"github.com/gorsc/gorsc/internal/bundle"
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
func Prebuilt(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil || !bundle.HasManifest(sub) {
		return nil
	}
	return sub
}
