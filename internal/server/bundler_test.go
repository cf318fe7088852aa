package server

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

// TestPrebuiltTagLeavesTheBundlerOut: with -tags gorsc_prebuilt, a gorsc
// app's binary (examples/bench) links neither internal/bundle nor esbuild;
// without the tag it does, so that App{Dir: "."} bundles at start.
func TestPrebuiltTagLeavesTheBundlerOut(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	for _, tc := range []struct {
		tags  string
		links bool
	}{{"", true}, {"gorsc_prebuilt", false}} {
		cmd := exec.Command(goTool, "list", "-deps", "-tags="+tc.tags, "./examples/bench")
		cmd.Dir = testenv.RepoRoot()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		deps := "\n" + string(out)
		for _, pkg := range []string{"\ngithub.com/evanw/esbuild/pkg/api\n", "\ngithub.com/gorsc/gorsc/internal/bundle\n"} {
			if strings.Contains(deps, pkg) != tc.links {
				t.Errorf("-tags=%q: links %s = %v, want %v", tc.tags, strings.TrimSpace(pkg), !tc.links, tc.links)
			}
		}
	}
}
