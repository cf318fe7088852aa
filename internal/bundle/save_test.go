package bundle

import (
	"bytes"
	"os"
	"slices"
	"testing"

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
