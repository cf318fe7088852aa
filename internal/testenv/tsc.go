package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TSC runs TypeScript's compiler, tsc --noEmit -p dir, from the
// typescript package in the node_modules of example (relative to the repo
// root; its package.json lists typescript as a devDependency). It returns
// tsc's output and whether it passed.
func TSC(t testing.TB, example, dir string) (string, bool) {
	t.Helper()
	node := Node(t)
	tsc := filepath.Join(RepoRoot(), example, "node_modules", "typescript", "bin", "tsc")
	if _, err := os.Stat(tsc); err != nil {
		missing(t, "TypeScript in "+example, "run: npm ci --prefix "+example)
	}
	cmd := exec.Command(node, tsc, "--noEmit", "-p", dir)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running tsc: %v", err)
	}
	return string(out), err == nil
}
