package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/gorsc/gorsc/internal/assets"
)

// publicFiles serves the app's public/ folder at "/" paths, as Next.js
// does: from the prebuilt assets (gorsc build copies the folder), or from
// Dir/public. Content types come from the extension; ETag (a hash of the
// content) and Last-Modified make conditional requests answer 304, and
// Range requests 206, through http.ServeContent. Names with a content hash
// ("app.3f2a9c1b.css") are cached for a year; others revalidate.
type publicFiles struct {
	fsys  fs.FS
	etags sync.Map // path, size and modification time → etag (under "gorsc dev" the files change)
}

func newPublicFiles(cfg Config) *publicFiles {
	if cfg.Assets != nil {
		if sub, err := fs.Sub(cfg.Assets, assets.PublicDir); err == nil {
			if _, err := fs.Stat(sub, "."); err == nil {
				return &publicFiles{fsys: sub}
			}
		}
		return nil
	}
	dir := cfg.Dir
	if dir == "" {
		dir = "."
	}
	p := filepath.Join(dir, assets.PublicDir)
	if st, err := os.Stat(p); err != nil || !st.IsDir() {
		return nil
	}
	return &publicFiles{fsys: os.DirFS(p)}
}

// publicKey names a version of a public file: embedded files have no
// modification time, and do not change.
type publicKey struct {
	name string
	size int64
	mod  int64
}

// hashedName matches file names that carry a content hash.
var hashedName = regexp.MustCompile(`[.-][0-9A-Za-z_]{8,}\.[a-z0-9]+$`)

// serve writes the public file at r's path and reports whether there is
// one. Directories and hidden files are never served.
func (p *publicFiles) serve(w http.ResponseWriter, r *http.Request) bool {
	if p == nil {
		return false
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" || !fs.ValidPath(name) {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	f, err := p.fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return false
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		return false
	}
	key := publicKey{name, st.Size(), st.ModTime().UnixNano()}
	etag, ok := p.etags.Load(key)
	if !ok {
		h := sha256.New()
		if _, err := io.Copy(h, rs); err != nil {
			return false
		}
		if _, err := rs.Seek(0, io.SeekStart); err != nil {
			return false
		}
		etag, _ = p.etags.LoadOrStore(key, `"`+hex.EncodeToString(h.Sum(nil))[:20]+`"`)
	}
	hd := w.Header()
	hd.Set("ETag", etag.(string))
	if hashedName.MatchString(name) {
		hd.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hd.Set("Cache-Control", "public, max-age=0, must-revalidate")
	}
	hd.Set("X-Content-Type-Options", "nosniff")
	// Embedded files have no modification time: then the ETag alone
	// answers conditional requests.
	http.ServeContent(w, r, st.Name(), st.ModTime(), rs)
	return true
}
