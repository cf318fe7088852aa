package devserver

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

func TestChanges(t *testing.T) {
	old := map[string]stamp{"/a/main.go": {size: 1}, "/a/c/X.tsx": {size: 1}}
	cur := map[string]stamp{"/a/main.go": {size: 2}, "/a/s.css": {}}
	if got, want := changes(old, cur), []string{"/a/c/X.tsx", "/a/main.go", "/a/s.css"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %v, want %v", got, want)
	}
	if got := changes(cur, cur); len(got) != 0 {
		t.Errorf("changes of a snapshot against itself = %v", got)
	}
}

// TestNeedsGoBuild: Go sources and files the binary embeds need a go
// build; the client code, its CSS and public/ do not, unless embedded;
// before go list answers, only the client code's sources are spared.
func TestNeedsGoBuild(t *testing.T) {
	embeds := &embedSet{pkgs: []embedPkg{
		{Dir: "/a", EmbedPatterns: []string{"static", "all:dist", "*.tmpl"}, EmbedFiles: []string{"static/site.css"}},
		{Dir: "/a/pkg", EmbedPatterns: []string{"data/*.json"}},
	}}
	for _, c := range []struct {
		path    string
		build   bool // with embeds
		unknown bool // with embeds nil
	}{
		{"/a/main.go", true, true},
		{"/a/go.mod", true, true},
		{"/a/pkg/x.go", true, true},
		{"/a/components/Counter.tsx", false, false},
		{"/a/components/counter.css", false, true},
		{"/a/styles/site.css", false, true},
		{"/a/static/site.css", true, true},
		{"/a/static/new/added.css", true, true}, // a new file in an embedded directory
		{"/a/dist/x.js", true, false},
		{"/a/page.tmpl", true, true},
		{"/a/sub/page.tmpl", false, true}, // *.tmpl matches the package's own directory only
		{"/a/pkg/data/a.json", true, true},
		{"/a/data/a.json", false, true},
		{"/a/public/logo.png", false, true},
		{"/b/elsewhere.css", false, true},
	} {
		if got := needsGoBuild([]string{c.path}, embeds); got != c.build {
			t.Errorf("needsGoBuild(%s) = %v, want %v", c.path, got, c.build)
		}
		if got := needsGoBuild([]string{c.path}, nil); got != c.unknown {
			t.Errorf("needsGoBuild(%s) before go list = %v, want %v", c.path, got, c.unknown)
		}
	}
	if !needsGoBuild([]string{"/a/components/Counter.tsx", "/a/main.go"}, embeds) {
		t.Error("a Go file among client files needs no build")
	}
}

// TestListEmbeds runs go list on a module that embeds a directory.
func TestListEmbeds(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod":           "module x\n\ngo 1.26\n",
		"main.go":          "package main\n\nimport \"embed\"\n\n//go:embed static\nvar f embed.FS\n\nfunc main() { _ = f }\n",
		"static/a.css":     "a{}\n",
		"components/X.tsx": "\"use client\";\n",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(src), 0o644)
	}
	set, err := listEmbeds(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if !set.has(filepath.Join(dir, "static", "a.css")) || !set.has(filepath.Join(dir, "static", "b.css")) || set.has(filepath.Join(dir, "components", "X.tsx")) {
		t.Errorf("embeds = %+v", set.pkgs)
	}
}
