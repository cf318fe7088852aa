package server

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/compress"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/testenv"
)

func newServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	cfg.Secret = []byte("s")
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func get(s *Server, path string, header ...string) *http.Response {
	r := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	dec, err := compress.Decode(res.Header.Get("Content-Encoding"), res.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(dec)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAssetsServedPrecompressed checks the bundle's files as served, from
// a build made at start (compressed in the background) and from a build
// saved by "gorsc build" (compressed at the highest ratios, served as
// saved): the coding by Accept-Encoding, Content-Length, Vary, an ETag
// per representation, 304 for a matching If-None-Match, HEAD.
func TestAssetsServedPrecompressed(t *testing.T) {
	dir := testenv.NodeModules(t, "examples/bench")
	built, err := bundle.Build(bundle.Options{Dir: dir, PublicPath: protocol.AssetPrefix})
	if err != nil {
		t.Fatal(err)
	}
	if err := built.Precompress(true); err != nil {
		t.Fatal(err)
	}
	saved := t.TempDir()
	if err := built.Save(saved, false); err != nil {
		t.Fatal(err)
	}
	for name, cfg := range map[string]Config{"bundled at start": {Dir: dir}, "prebuilt": {Assets: os.DirFS(saved)}} {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, cfg)
			<-s.cur.Load().filesDone
			url := s.cur.Load().assets.Bootstrap
			plain := s.cur.Load().assets.Files[url]
			tags := map[string]bool{}
			for _, tc := range []struct{ accept, coding string }{
				{"gzip, deflate, br, zstd", compress.Brotli},
				{"gzip", compress.Gzip},
				{"br;q=0.5, gzip", compress.Gzip},
				{"", compress.Identity},
				{"zstd", compress.Identity}, // no zstd copies: brotli beats it for static files
			} {
				res := get(s, url, "Accept-Encoding", tc.accept)
				h := res.Header
				if res.StatusCode != 200 || h.Get("Content-Encoding") != tc.coding || h.Get("Vary") != "Accept-Encoding" {
					t.Fatalf("Accept-Encoding %q: %d, Content-Encoding %q, Vary %q; want 200, %q, Accept-Encoding",
						tc.accept, res.StatusCode, h.Get("Content-Encoding"), h.Get("Vary"), tc.coding)
				}
				raw, _ := io.ReadAll(res.Body)
				if h.Get("Content-Length") != strconv.Itoa(len(raw)) {
					t.Errorf("%q: Content-Length %s for %d bytes", tc.accept, h.Get("Content-Length"), len(raw))
				}
				if tc.coding != compress.Identity && len(raw) > len(plain)/2 {
					t.Errorf("%s copy: %d bytes of %d", tc.coding, len(raw), len(plain))
				}
				if name == "prebuilt" && tc.coding != compress.Identity && !bytes.Equal(raw, built.Encoded[url][tc.coding]) {
					t.Errorf("%s: not the copy saved by the build", tc.coding)
				}
				dec, _ := compress.Decode(tc.coding, bytes.NewReader(raw))
				if got, err := io.ReadAll(dec); err != nil || !bytes.Equal(got, plain) {
					t.Fatalf("%s copy does not decode to the file: %v", tc.coding, err)
				}
				if h.Get("Content-Type") != "text/javascript; charset=utf-8" || h.Get("Cache-Control") != "public, max-age=31536000, immutable" {
					t.Errorf("headers %v", h)
				}
				etag := h.Get("Etag")
				tags[tc.coding+" "+etag] = true
				// Revalidation: the same representation's tag gets 304, with
				// the headers a cache needs and no body.
				res = get(s, url, "Accept-Encoding", tc.accept, "If-None-Match", `"other", W/`+etag)
				raw, _ = io.ReadAll(res.Body)
				if res.StatusCode != 304 || len(raw) != 0 || res.Header.Get("Etag") != etag || res.Header.Get("Vary") != "Accept-Encoding" || res.Header.Get("Content-Encoding") != "" {
					t.Errorf("%q revalidated: %d %v (%d bytes)", tc.accept, res.StatusCode, res.Header, len(raw))
				}
			}
			// One tag per representation, never shared across codings.
			seen := map[string]string{}
			for k := range tags {
				coding, etag, _ := strings.Cut(k, " ")
				if c, ok := seen[etag]; ok && c != coding {
					t.Errorf("ETag %s serves both %q and %q", etag, c, coding)
				}
				seen[etag] = coding
			}
			if len(seen) != 3 {
				t.Errorf("%d distinct ETags, want 3 (br, gzip, identity): %v", len(seen), seen)
			}
			// The brotli tag does not validate the gzip representation.
			brTag := get(s, url, "Accept-Encoding", "br").Header.Get("Etag")
			if res := get(s, url, "Accept-Encoding", "gzip", "If-None-Match", brTag); res.StatusCode != 200 {
				t.Errorf("gzip request with the brotli ETag: %d, want 200", res.StatusCode)
			}
			// HEAD: the headers of GET, no body.
			r := httptest.NewRequest("HEAD", url, nil)
			r.Header.Set("Accept-Encoding", "br")
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Encoding") != "br" || w.Header().Get("Content-Length") == "" {
				t.Errorf("HEAD: %d, %d bytes, %v", w.Code, w.Body.Len(), w.Header())
			}
			if res := get(s, protocol.AssetPrefix+"nope.js", "Accept-Encoding", "br"); res.StatusCode != 404 {
				t.Errorf("unknown asset: %d", res.StatusCode)
			}
		})
	}
	t.Run("DisableCompression", func(t *testing.T) {
		s := newServer(t, Config{Assets: os.DirFS(saved), DisableCompression: true})
		res := get(s, s.cur.Load().assets.Bootstrap, "Accept-Encoding", "gzip, br")
		if res.Header.Get("Content-Encoding") != "" || res.Header.Get("Vary") != "" || !bytes.Equal(body(t, res), s.cur.Load().assets.Files[s.cur.Load().assets.Bootstrap]) {
			t.Errorf("with DisableCompression: %v", res.Header)
		}
	})
}

// TestOlderBuildsCompressedAtStart: a build saved without compressed
// copies is compressed once at start, in the background.
func TestOlderBuildsCompressedAtStart(t *testing.T) {
	built, err := bundle.Build(bundle.Options{Dir: testenv.NodeModules(t, "examples/bench"), PublicPath: protocol.AssetPrefix})
	if err != nil {
		t.Fatal(err)
	}
	saved := t.TempDir()
	if err := built.Save(saved, false); err != nil { // no Precompress: as before gorsc compressed
		t.Fatal(err)
	}
	if _, err := os.Stat(saved + "/" + assets.ManifestFile); err != nil {
		t.Fatal(err)
	}
	s := newServer(t, Config{Assets: os.DirFS(saved)})
	<-s.cur.Load().filesDone
	res := get(s, s.cur.Load().assets.Bootstrap, "Accept-Encoding", "br")
	if res.Header.Get("Content-Encoding") != "br" || !bytes.Equal(body(t, res), built.Files[s.cur.Load().assets.Bootstrap]) {
		t.Errorf("older build after start: Content-Encoding %q", res.Header.Get("Content-Encoding"))
	}
}
