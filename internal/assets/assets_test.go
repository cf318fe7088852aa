package assets

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gorsc/gorsc/internal/compress"
	"github.com/gorsc/gorsc/internal/fizz"
)

// sample is a small build: a runtime entry worth compressing, a chunk too
// small to compress, a client module.
func sample() *Result {
	return &Result{
		Files: map[string][]byte{
			"/_gorsc/boot-A.js":  []byte(strings.Repeat("export const x = document.querySelector('main');\n", 100)),
			"/_gorsc/chunk-B.js": []byte("export const y = 1;\n"),
			"/_gorsc/Counter-C.js": []byte(`import "/_gorsc/chunk-B.js";` +
				strings.Repeat("export function Counter(){return null}\n", 30)),
		},
		Bootstrap: "/_gorsc/boot-A.js",
		Preload:   []string{"/_gorsc/chunk-B.js"},
		Modules: map[string]Module{"components/Counter.tsx": {URL: "/_gorsc/Counter-C.js", Exports: []string{"default"},
			Imports: []string{"/_gorsc/chunk-B.js"}}},
		Fizz: &fizz.Runtime{ShellTime: "s", CompleteBoundary: "c", ClientRender: "r"},
	}
}

func decode(t *testing.T, coding string, b []byte) []byte {
	t.Helper()
	r, err := compress.Decode(coding, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPrecompress(t *testing.T) {
	r := sample()
	if err := r.Precompress(false); err != nil {
		t.Fatal(err)
	}
	for url, body := range r.Files {
		enc := r.Encoded[url]
		if len(body) < minCompressed {
			if len(enc) != 0 {
				t.Errorf("%s (%d bytes) was compressed", url, len(body))
			}
			continue
		}
		for _, c := range Codings {
			if enc[c] == nil {
				t.Errorf("%s has no %s copy", url, c)
				continue
			}
			if !bytes.Equal(decode(t, c, enc[c]), body) {
				t.Errorf("%s copy of %s does not decode to it", c, url)
			}
		}
	}
}

func TestSaveLoad(t *testing.T) {
	r := sample()
	if err := r.Precompress(true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := r.Save(dir, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "boot-A.js.br")); err != nil {
		t.Error(err)
	}
	got, dev, err := Load(os.DirFS(dir))
	if err != nil || dev {
		t.Fatal(err, dev)
	}
	for url, body := range r.Files {
		if !bytes.Equal(got.Files[url], body) {
			t.Errorf("%s differs", url)
		}
		for c, enc := range r.Encoded[url] {
			if !bytes.Equal(got.Encoded[url][c], enc) {
				t.Errorf("%s copy of %s differs", c, url)
			}
		}
		if len(got.Encoded[url]) != len(r.Encoded[url]) {
			t.Errorf("%s: %d copies loaded, %d saved", url, len(got.Encoded[url]), len(r.Encoded[url]))
		}
	}
	if m := got.Modules["components/Counter.tsx"]; len(m.Imports) != 1 || m.Imports[0] != "/_gorsc/chunk-B.js" {
		t.Errorf("Counter module after Load: %+v", m)
	}
}

// TestLoadOlderBuilds: a build saved before gorsc compressed (no
// "precompressed" in its manifest) loads, with no compressed copies.
func TestLoadOlderBuilds(t *testing.T) {
	r := sample()
	m := manifest{Version: manifestVersion, Bootstrap: r.Bootstrap, Preload: r.Preload, Modules: r.Modules, Fizz: r.Fizz}
	fsys := fstest.MapFS{}
	for url, body := range r.Files {
		m.Files = append(m.Files, url)
		fsys[url[len("/_gorsc/"):]] = &fstest.MapFile{Data: body}
	}
	data, _ := json.Marshal(m)
	fsys[ManifestFile] = &fstest.MapFile{Data: data}
	got, _, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got.Encoded != nil || !bytes.Equal(got.Files[r.Bootstrap], r.Files[r.Bootstrap]) {
		t.Errorf("older build loaded with Encoded %v", got.Encoded)
	}
}

func TestLoadRejectsBadManifests(t *testing.T) {
	r := sample()
	r.Precompress(false)
	dir := t.TempDir()
	if err := r.Save(dir, true); err != nil {
		t.Fatal(err)
	}
	base, _ := os.ReadFile(filepath.Join(dir, ManifestFile))
	for name, edit := range map[string]func(m map[string]any){
		"unknown coding":    func(m map[string]any) { m["encoded"] = map[string]any{"/_gorsc/boot-A.js": []string{"compress"}} },
		"copy of no file":   func(m map[string]any) { m["encoded"] = map[string]any{"/_gorsc/other.js": []string{"br"}} },
		"missing copy":      func(m map[string]any) { m["encoded"] = map[string]any{"/_gorsc/chunk-B.js": []string{"br"}} },
		"file outside":      func(m map[string]any) { m["files"] = []string{"/_gorsc/../../etc/passwd"} },
		"manifest as file":  func(m map[string]any) { m["files"] = []string{"/_gorsc/" + ManifestFile} },
		"newer version":     func(m map[string]any) { m["version"] = 9 },
		"without bootstrap": func(m map[string]any) { m["bootstrap"] = "" },
	} {
		var m map[string]any
		json.Unmarshal(base, &m)
		edit(m)
		data, _ := json.Marshal(m)
		fsys := fstest.MapFS{ManifestFile: {Data: data}}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != ManifestFile {
				b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
				fsys[e.Name()] = &fstest.MapFile{Data: b}
			}
		}
		if _, _, err := Load(fsys); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
	if _, dev, err := Load(os.DirFS(dir)); err != nil || !dev {
		t.Errorf("the unedited development build: dev=%v, %v", dev, err)
	}
}
