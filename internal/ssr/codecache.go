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

// The code cache (Options.CodeCache) keeps the bytecode of the engine's
// three scripts — host.js, a server bundle, render.js — in one file per
// bundle, named by a hash of the scripts and of the versions of the
// engine's modules (QuickJS's bytecode is only read by the QuickJS that
// wrote it). A file starts with the SHA-256 of the rest, which is checked
// before the bytecode is evaluated; a file that does not check out is
// ignored. The cache keeps the files of the last few bundles only.

// codeFiles is how many bundles the cache keeps.
const codeFiles = 4

const codeExt = ".qjsc"

// engineVersion names the versions of the modules whose bytecode the
// cache holds.
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

// codeKey names the cache file of a server bundle.
func codeKey(bundle []byte) string {
	h := sha256.New()
	h.Write([]byte(engineVersion()))
	for _, s := range [][]byte{[]byte(hostJS), bundle, []byte(renderJS)} {
		binary.Write(h, binary.LittleEndian, uint64(len(s)))
		h.Write(s)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// loadCode reads the bytecode of the scripts from dir, if it holds a
// sound file for key.
func loadCode(dir, key string) (code [3][]byte, ok bool) {
	data, err := os.ReadFile(filepath.Join(dir, key+codeExt))
	if err != nil || len(data) < sha256.Size {
		return code, false
	}
	sum, rest := data[:sha256.Size], data[sha256.Size:]
	if got := sha256.Sum256(rest); !bytes.Equal(sum, got[:]) {
		return code, false
	}
	for i := range code {
		if len(rest) < 8 {
			return code, false
		}
		n := binary.LittleEndian.Uint64(rest)
		rest = rest[8:]
		if uint64(len(rest)) < n {
			return code, false
		}
		code[i], rest = rest[:n:n], rest[n:]
	}
	// Touch the file: the cache keeps the most recently used.
	now := time.Now()
	os.Chtimes(filepath.Join(dir, key+codeExt), now, now)
	return code, len(rest) == 0
}

// saveCode writes the bytecode of the scripts into dir under key, then
// removes all but the codeFiles most recently used files.
func saveCode(dir, key string, code [3][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var body bytes.Buffer
	for _, c := range code {
		binary.Write(&body, binary.LittleEndian, uint64(len(c)))
		body.Write(c)
	}
	sum := sha256.Sum256(body.Bytes())
	f, err := os.CreateTemp(dir, key+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(sum[:])
	if err == nil {
		_, err = f.Write(body.Bytes())
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
