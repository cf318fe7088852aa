package bundle

import (
	"bytes"
	"os"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	built, err := Build(Options{Dir: testenv.NodeModules(t, "examples/bench")})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := built.Save(dir, false); err != nil {
		t.Fatal(err)
	}
	loaded, dev, err := Load(os.DirFS(dir))
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
	if loaded.Modules["components/Counter.tsx"].URL != built.Modules["components/Counter.tsx"].URL {
		t.Error("modules differ after Save/Load")
	}
	if _, _, err := Load(os.DirFS(t.TempDir())); err == nil {
		t.Error("Load of an empty dir succeeded")
	}
}
