package server

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/compress"
)

// assetFile is one file of the browser bundle, ready to serve: its bytes
// as built and, for the codings that shrink it, as precompressed once
// (assets.Result.Precompress), each with its own strong ETag.
type assetFile struct {
	plain   representation
	codings []string // of encoded, in assets.Codings order
	encoded map[string]representation
}

type representation struct {
	body []byte
	etag string // strong, quoted
}

// files maps the URL paths of the bundle to their files.
type files map[string]*assetFile

// prepareAssets makes the table serveAsset serves b from. A build without
// compressed copies (bundled in-process at start, or saved by an older
// gorsc build) is compressed once, in the background so that start-up does
// not wait (tens of milliseconds; a few hundred for React's development
// builds): until then, the files go out as is. b.filesDone is closed when
// the final table is in place.
func (s *Server) prepareAssets(b *clientBuild) {
	b.filesDone = make(chan struct{})
	compressed := !s.cfg.DisableCompression
	b.files.Store(assetTable(b.assets, compressed))
	if !compressed || b.assets.Encoded != nil {
		close(b.filesDone)
		return
	}
	r := *b.assets // Precompress sets Encoded on the copy only: requests read b.assets meanwhile
	go func() {
		defer close(b.filesDone)
		defer func() {
			if e := recover(); e != nil {
				s.log.Error("gorsc: compressing the browser bundle panicked; serving it uncompressed", "err", e)
			}
		}()
		if err := r.Precompress(false); err != nil {
			s.log.Error("gorsc: compressing the browser bundle failed; serving it uncompressed", "err", err)
			return
		}
		b.files.Store(assetTable(&r, true))
	}()
}

// assetTable prepares r's files for serveAsset; without compressed, the
// precompressed copies are left out.
func assetTable(r *assets.Result, compressed bool) *files {
	files := make(files, len(r.Files))
	for url, body := range r.Files {
		sum := sha256.Sum256(body)
		tag := base64.RawURLEncoding.EncodeToString(sum[:12])
		f := &assetFile{plain: representation{body, `"` + tag + `"`}}
		if compressed {
			for _, c := range assets.Codings {
				if enc, ok := r.Encoded[url][c]; ok {
					if f.encoded == nil {
						f.encoded = map[string]representation{}
					}
					f.codings = append(f.codings, c)
					f.encoded[c] = representation{enc, `"` + tag + "-" + c + `"`}
				}
			}
		}
		files[url] = f
	}
	return &files
}

// serveAsset serves a file of the browser bundle (GET and HEAD):
// immutable (its name carries its content hash), precompressed with the
// best coding the request accepts, with "Vary: Accept-Encoding" and an
// ETag per representation, so a cache never answers a gzip request with
// brotli bytes; a matching If-None-Match gets 304.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	f, ok := (*s.cur.Load().files.Load())[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	rep, coding := f.plain, compress.Identity
	if len(f.codings) > 0 {
		varyOnce(h, "Accept-Encoding")
		if coding = compress.Negotiate(r.Header.Values("Accept-Encoding"), f.codings); coding != compress.Identity {
			rep = f.encoded[coding]
		}
	}
	h.Set("Etag", rep.etag)
	if etagMatches(r.Header.Values("If-None-Match"), rep.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", assets.ContentType(r.URL.Path))
	if coding != compress.Identity {
		h.Set("Content-Encoding", coding)
	}
	h.Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(rep.body)
	}
}

// etagMatches reports whether If-None-Match values hold etag or "*", by
// the weak comparison RFC 9110 §13.1.2 prescribes for If-None-Match.
func etagMatches(values []string, etag string) bool {
	for _, line := range values {
		for t := range strings.SplitSeq(line, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == etag {
				return true
			}
		}
	}
	return false
}
