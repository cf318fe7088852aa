// Package testenv finds the external tools gorsc's tests drive — Chromium
// and Node — and the app directories they need. Under CI=true a missing
// tool fails the test; on a laptop it skips with a message saying what to
// install.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true), where every tool
// must be present.
func InCI() bool { return os.Getenv("CI") == "true" }

func missing(t testing.TB, what, hint string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is required under CI=true but missing: %s", what, hint)
	}
	t.Skipf("skipping: %s is missing (%s)", what, hint)
}

// Chromium returns the path of a Chromium or Chrome binary: $CHROMIUM, or
// the first of chromium, chromium-browser, google-chrome on PATH.
func Chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "Chromium", "apt-get install chromium, or set CHROMIUM to a Chrome binary")
	return ""
}

// Node returns the path of the node binary.
func Node(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		missing(t, "Node.js", "install Node.js 20 or newer")
	}
	return p
}

// RepoRoot returns the root of the gorsc repository.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// NodeModules checks that dir (relative to the repo root) has its npm
// packages installed and returns its absolute path.
func NodeModules(t testing.TB, dir string) string {
	t.Helper()
	abs := filepath.Join(RepoRoot(), dir)
	if _, err := os.Stat(filepath.Join(abs, "node_modules", "react-server-dom-webpack")); err != nil {
		missing(t, "the npm packages of "+dir, "run: npm ci --prefix "+dir)
	}
	return abs
}
