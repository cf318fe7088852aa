package bundle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/runtime"
)

// A cache of the last build, for "gorsc dev": the app process it starts
// again after a Go edit finds its client code unchanged and loads the
// build the previous process saved (LoadCache) instead of bundling it all
// again (most of a restart's time otherwise). A saved build is used only
// when it was built from the same files: the same "use client" modules and
// stylesheets, every file esbuild read (its metafile inputs, node_modules
// included) with the same size and modification time, the same options,
// GORSC_PUBLIC_* variables, gorsc runtime sources and versions of gorsc
// and esbuild; for an app using Tailwind, the same files anywhere in the
// app directory (Tailwind scans them for class names). A gorsc replaced by
// a local directory whose bundler changed is not noticed: remove the
// cache directory then.

// devCacheVersion is the version of a saved cache's key format.
const devCacheVersion = 1

// devCacheKey is the name of the key file in a cache directory.
const devCacheKey = "gorsc-dev-cache.json"

// CacheKey is what a build was built from, to tell whether a saved build
// still fits the app's files.
type CacheKey struct {
	Version  int               `json:"version"`
	Build    string            `json:"build"`    // hash of the options, defines, runtime sources and module versions
	Entries  []string          `json:"entries"`  // client modules, then stylesheets
	Inputs   map[string]string `json:"inputs"`   // file (relative to the app directory) → "size mtime"
	Tailwind string            `json:"tailwind"` // fingerprint of the app's files, when a stylesheet uses Tailwind
}

// CacheKey returns the key of the last successful Build, or nil.
func (b *Builder) CacheKey() *CacheKey {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.key
}

// cacheKey is the key of a build of the given entries that read inputs;
// tree is the Tailwind fingerprint, or "".
func (b *Builder) cacheKey(entries, inputs []string, tree string) *CacheKey {
	k := &CacheKey{Version: devCacheVersion, Build: b.buildHash(), Entries: entries, Inputs: make(map[string]string, len(inputs)), Tailwind: tree}
	for _, in := range inputs {
		k.Inputs[in] = stampOf(filepath.Join(b.dir, filepath.FromSlash(in)))
	}
	return k
}

func stampOf(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "missing"
	}
	return fmt.Sprintf("%d %d", st.Size(), st.ModTime().UnixNano())
}

// buildHash hashes what a build depends on besides the app's files.
func (b *Builder) buildHash() string {
	h := sha256.New()
	fmt.Fprintf(h, "dev=%v public=%s exclude=%q\n", b.opts.Development, b.public, b.opts.Exclude)
	defs := defines(b.mode())
	for _, k := range slices.Sorted(maps.Keys(defs)) {
		fmt.Fprintf(h, "define %s=%s\n", k, defs[k])
	}
	h.Write([]byte(runtimeHash()))
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path != "github.com/gorsc/gorsc" && d.Path != "github.com/evanw/esbuild" {
				continue
			}
			if d.Replace != nil {
				d = d.Replace
			}
			fmt.Fprintf(h, "module %s %s %s\n", d.Path, d.Version, d.Sum)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

var runtimeHash = sync.OnceValue(func() string {
	h := sha256.New()
	fs.WalkDir(runtime.Files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(runtime.Files, p)
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
})

// entriesOf lists a build's entries: its client modules, then its
// stylesheets (prefixed "css:").
func entriesOf(mods, sheets []string) []string {
	out := slices.Clone(mods)
	for _, s := range sheets {
		out = append(out, "css:"+s)
	}
	return out
}

// SaveCache writes r, built with key (Builder.CacheKey), into dir for
// LoadCache: the build as Save writes it, and the key. It replaces what
// dir held.
func SaveCache(dir string, r *Result, key *CacheKey, development bool) error {
	if key == nil {
		return errors.New("gorsc: no build to cache")
	}
	data, err := json.Marshal(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := r.Save(tmp, development); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, devCacheKey), data, 0o644); err != nil {
		return err
	}
	old := tmp + "-old"
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	defer os.RemoveAll(old)
	return os.Rename(tmp, dir)
}

// LoadCache returns the build saved in dir when it was built from the
// app's current files (see above), with its key; otherwise an error that
// says why not.
func (b *Builder) LoadCache(dir string) (*Result, *CacheKey, error) {
	data, err := os.ReadFile(filepath.Join(dir, devCacheKey))
	if err != nil {
		return nil, nil, err
	}
	var saved CacheKey
	if err := json.Unmarshal(data, &saved); err != nil {
		return nil, nil, err
	}
	mods, err := findClientModules(b.dir, b.opts.Exclude)
	if err != nil {
		return nil, nil, err
	}
	sheets, err := FindStylesheets(b.dir)
	if err != nil {
		return nil, nil, err
	}
	tree := ""
	if saved.Tailwind != "" {
		tree = fingerprint(b.dir)
	}
	inputs := make([]string, 0, len(saved.Inputs))
	for in := range saved.Inputs {
		inputs = append(inputs, in)
	}
	cur := b.cacheKey(entriesOf(mods, sheets), inputs, tree)
	if why := saved.differs(cur); why != "" {
		return nil, nil, errors.New(why)
	}
	r, dev, err := assets.Load(os.DirFS(dir))
	if err != nil {
		return nil, nil, err
	}
	if dev != b.opts.Development {
		return nil, nil, errors.New("built in another mode")
	}
	return r, cur, nil
}

// differs says how k and cur differ, or "" when they are the same.
func (k *CacheKey) differs(cur *CacheKey) string {
	switch {
	case k.Version != cur.Version:
		return "another version"
	case k.Build != cur.Build:
		return "other options, gorsc runtime or module versions"
	case !slices.Equal(k.Entries, cur.Entries):
		return "other client modules or stylesheets"
	case k.Tailwind != cur.Tailwind:
		return "the app's files changed (Tailwind scans them)"
	}
	changed := []string{}
	for in, st := range k.Inputs {
		if cur.Inputs[in] != st {
			changed = append(changed, in)
		}
	}
	if len(changed) > 0 {
		sort.Strings(changed)
		if len(changed) > 3 {
			changed = append(changed[:3], "…")
		}
		return "changed: " + strings.Join(changed, ", ")
	}
	return ""
}

// EqualResults reports whether two builds are the same: the same files
// and server bundle (file names carry content hashes).
func EqualResults(a, b *Result) bool {
	if a == nil || b == nil || len(a.Files) != len(b.Files) || a.Bootstrap != b.Bootstrap || !bytes.Equal(a.Server, b.Server) {
		return false
	}
	for url, body := range a.Files {
		if other, ok := b.Files[url]; !ok || !bytes.Equal(body, other) {
			return false
		}
	}
	return true
}
