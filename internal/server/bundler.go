//go:build !gorsc_prebuilt

package server

import (
	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/protocol"
)

// bundleApp bundles the app in dir with esbuild, in-process: how an app
// without prebuilt assets (App.Assets nil, the zero-config App{Dir: "."})
// gets its browser code at start. Building with -tags gorsc_prebuilt
// leaves this file, and with it internal/bundle and esbuild, out of the
// binary (bundler_prebuilt.go); such a binary serves App.Assets only.
//
// In development mode the browser gets React's development builds, which
// need the development Flight shapes (doc/wire.md §1.7).
var bundleApp = func(dir string, dev bool) (*assets.Result, error) {
	return bundle.Build(bundle.Options{Dir: dir, PublicPath: protocol.AssetPrefix, Development: dev})
}
