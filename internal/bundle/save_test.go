package bundle

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/testenv"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	built, err := Build(Options{Dir: testenv.NodeModules(t, "examples/bench")})
	if err != nil {
		t.Fatal(err)
	}
	if err := built.Precompress(true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := built.Save(dir, false); err != nil {
		t.Fatal(err)
	}
	loaded, dev, err := assets.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if dev || loaded.Bootstrap != built.Bootstrap || len(loaded.Files) != len(built.Files) || *loaded.Fizz != *built.Fizz {
		t.Fatalf("loaded %+v, built %+v", loaded, built)
	}
	for url, body := range built.Files {
		if !bytes.Equal(loaded.Files[url], body) {
			t.Errorf("file %s differs after Save/Load", url)
		}
	}
	if !bytes.Equal(loaded.Server, built.Server) || len(loaded.Server) == 0 {
		t.Error("the server bundle differs after Save/Load")
	}

	for url, codings := range built.Encoded {
		for c, body := range codings {
			if !bytes.Equal(loaded.Encoded[url][c], body) {
				t.Errorf("%s copy of %s differs after Save/Load", c, url)
			}
		}
	}
	if len(built.Encoded[built.Bootstrap]) != 2 {
		t.Errorf("the runtime entry has %d precompressed copies, want br and gzip", len(built.Encoded[built.Bootstrap]))
	}
	if !slices.Equal(loaded.Modules["components/Counter.tsx"].Imports, built.Modules["components/Counter.tsx"].Imports) ||
		loaded.Modules["components/Counter.tsx"].URL != built.Modules["components/Counter.tsx"].URL {
		t.Error("modules differ after Save/Load")
	}
	if _, _, err := assets.Load(os.DirFS(t.TempDir())); err == nil {
		t.Error("Load of an empty dir succeeded")
	}
}

// A manifest without a server bundle loads without one; an older
// manifest asks for a rebuild.
func TestLoadWithoutServerBundle(t *testing.T) {
	r, _, err := Load(os.DirFS("../../testdata/assets"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Server != nil {
		t.Errorf("the fixture has a server bundle of %d bytes", len(r.Server))
	}
	data, err := os.ReadFile("../../testdata/assets/" + ManifestFile)
	if err != nil {
		t.Fatal(err)
	}
	old := fstest.MapFS{ManifestFile: {Data: bytes.Replace(data, []byte(`"version": 2`), []byte(`"version": 1`), 1)}}
	if _, _, err := Load(old); err == nil || !strings.Contains(err.Error(), "rebuild the assets") {
		t.Errorf("Load of a version 1 manifest: %v", err)
	}
}
