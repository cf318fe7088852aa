//go:build gorsc_prebuilt

package server

import "github.com/gorsc/gorsc/internal/assets"

// bundleApp is nil in a binary built with -tags gorsc_prebuilt: it links
// no bundler (no esbuild) and serves prebuilt assets (App.Assets) only;
// New fails with a message saying so when they are not set.
var bundleApp func(dir string, dev bool) (*assets.Result, error)
