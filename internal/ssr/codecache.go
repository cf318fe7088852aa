package ssr

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
)

// The engine's compiled scripts are kept by a hash of each script and of
// the versions of the engine's modules (QuickJS's bytecode is only read by
// the QuickJS that wrote it): in the process (memo: the last few scripts,
// so that an engine reloaded after an edit compiles only the changed part
// of the server bundle), and, with Options.CodeCache, on disk, one file
// per script, for the next process. A file starts with the SHA-256 of the
// rest, which is checked before the bytecode is evaluated; a file that
// does not check out is ignored. The directory keeps the files of the last
// few scripts only.

// codeFiles is how many scripts the directory keeps.
const codeFiles = 8

const codeExt = ".qjsc"

// engineVersion names the versions of the modules whose bytecode is kept.
var engineVersion = sync.OnceValue(func() string {
	var b strings.Builder
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if strings.HasPrefix(d.Path, "modernc.org/") {
				if d.Replace != nil {
					d = d.Replace
				}
				fmt.Fprintf(&b, "%s@%s %s\n", d.Path, d.Version, d.Sum)
			}
		}
	}
	return b.String()
})

// codeKey names the bytecode of a script.
func codeKey(script string) string {
	h := sha256.New()
	h.Write([]byte(engineVersion()))
	binary.Write(h, binary.LittleEndian, uint64(len(script)))
	h.Write([]byte(script))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// codeMemo keeps the bytecode of the last scripts compiled or loaded.
type codeMemo struct {
	mu    sync.Mutex
	size  int
	keys  []string // least recently used first
	codes map[string][]byte
}

var memo = &codeMemo{size: 8, codes: map[string][]byte{}}

func (m *codeMemo) get(key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	code, ok := m.codes[key]
	if ok {
		m.touch(key)
	}
	return code, ok
}

func (m *codeMemo) put(key string, code []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.codes[key]; !ok && len(m.keys) >= m.size {
		delete(m.codes, m.keys[0])
		m.keys = m.keys[1:]
	}
	m.codes[key] = code
	m.touch(key)
}

// touch makes key the most recently used; m.mu is held.
func (m *codeMemo) touch(key string) {
	if i := slices.Index(m.keys, key); i >= 0 {
		m.keys = slices.Delete(m.keys, i, i+1)
	}
	m.keys = append(m.keys, key)
}

// reset empties the memo (tests).
func (m *codeMemo) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys, m.codes = nil, map[string][]byte{}
}

// loadCode reads the bytecode of a script from dir, if it holds a sound
// file for key.
func loadCode(dir, key string) ([]byte, bool) {
	name := filepath.Join(dir, key+codeExt)
	data, err := os.ReadFile(name)
	if err != nil || len(data) < sha256.Size {
		return nil, false
	}
	sum, code := data[:sha256.Size], data[sha256.Size:]
	if got := sha256.Sum256(code); !bytes.Equal(sum, got[:]) {
		return nil, false
	}
	now := time.Now() // the directory keeps the most recently used
	os.Chtimes(name, now, now)
	return code, true
}

// saveCode writes the bytecode of a script into dir under key, then
// removes all but the codeFiles most recently used files.
func saveCode(dir, key string, code []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sum := sha256.Sum256(code)
	f, err := os.CreateTemp(dir, key+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(sum[:])
	if err == nil {
		_, err = f.Write(code)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, key+codeExt))
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	return pruneCode(dir)
}

// pruneCode removes all but the codeFiles most recently used files.
func pruneCode(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	type file struct {
		name string
		mod  int64
	}
	var files []file
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), codeExt) {
			continue
		}
		if info, err := e.Info(); err == nil {
			files = append(files, file{e.Name(), info.ModTime().UnixNano()})
		}
	}
	if len(files) <= codeFiles {
		return nil
	}
	slices.SortFunc(files, func(a, b file) int { return cmp.Compare(b.mod, a.mod) }) // newest first
	var errs []error
	for _, f := range files[codeFiles:] {
		if err := os.Remove(filepath.Join(dir, f.name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
