package compress

import (
	"bufio"
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNegotiate(t *testing.T) {
	for _, tc := range []struct {
		accept []string // nil: no header
		want   string
	}{
		{nil, Identity},
		{[]string{""}, Identity},
		{[]string{"gzip, deflate, br, zstd"}, Zstd}, // Chromium: ties go to the server's order
		{[]string{"gzip, br"}, Brotli},
		{[]string{"gzip, deflate"}, Gzip},
		{[]string{"deflate"}, Identity},
		{[]string{"GZIP"}, Gzip},
		{[]string{"x-gzip"}, Gzip},
		{[]string{"br;q=0.5, gzip;q=0.8"}, Gzip},
		{[]string{"br;q=0.5, gzip;Q=0.8"}, Gzip},
		{[]string{"br;q=1.0, gzip;q=0.999"}, Brotli},
		{[]string{"gzip;q=0"}, Identity},
		{[]string{"*"}, Zstd},
		{[]string{"*;q=0.1, zstd;q=0"}, Brotli},
		{[]string{"*;q=0"}, Identity},
		{[]string{"gzip;q=0.5, identity"}, Identity}, // identity weighed higher
		{[]string{"gzip, identity;q=0"}, Gzip},
		{[]string{"gzip;q=2, br;q=abc, zstd;q=0.1234"}, Identity}, // malformed weights ignore their element
		{[]string{"gzip;q=1.5"}, Identity},
		{[]string{"gzip;q=0.", "br;q=0.001"}, Brotli}, // two header lines
		{[]string{" , ;q=1, gzip ; q = 0.5 "}, Gzip},
		{[]string{"gzip;level=9"}, Gzip},
	} {
		if got := Negotiate(tc.accept, Dynamic); got != tc.want {
			t.Errorf("Negotiate(%q) = %q, want %q", tc.accept, got, tc.want)
		}
	}
}

func FuzzNegotiate(f *testing.F) {
	for _, s := range []string{"gzip, deflate, br, zstd", "br;q=0.5, gzip;q=0.8", "*;q=0", "identity;q=0, gzip;q=0.001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		got := Negotiate([]string{accept}, Dynamic)
		switch got {
		case Identity, Gzip, Brotli, Zstd:
		default:
			t.Fatalf("Negotiate(%q) = %q", accept, got)
		}
		// A coding is chosen only when the client named it or "*" (with a
		// nonzero weight, which the parse checks).
		if got != Identity && !strings.Contains(strings.ToLower(accept), got) && !strings.Contains(accept, "*") &&
			!(got == Gzip && strings.Contains(strings.ToLower(accept), "x-gzip")) {
			t.Fatalf("Negotiate(%q) = %q, a coding the client did not name", accept, got)
		}
	})
}

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/html; charset=utf-8":          true,
		"text/x-component":                  true,
		"TEXT/PLAIN":                        true,
		"text/javascript; charset=utf-8":    true,
		"application/json":                  true,
		"application/ld+json":               true,
		"image/svg+xml":                     true,
		"text/event-stream":                 false,
		"image/png":                         false,
		"application/octet-stream":          false,
		"application/zip":                   false,
		"":                                  false,
		"video/mp4; codecs=\"avc1.42E01E\"": false,
	} {
		if got := Compressible(ct); got != want {
			t.Errorf("Compressible(%q) = %v, want %v", ct, got, want)
		}
	}
}

// big is a compressible body above MinSize.
var big = strings.Repeat("<li class=\"item\">an item of the list</li>", 200)

func TestWriterDecisions(t *testing.T) {
	c := New(nil)
	for _, tc := range []struct {
		name     string
		method   string
		accept   string
		header   map[string]string
		status   int
		body     string
		encoding string // Content-Encoding wanted
		vary     bool
	}{
		{"html gzip", "GET", "gzip", map[string]string{"Content-Type": "text/html"}, 200, big, Gzip, true},
		{"html br", "GET", "gzip, br", map[string]string{"Content-Type": "text/html"}, 200, big, Brotli, true},
		{"flight zstd", "GET", "gzip, br, zstd", map[string]string{"Content-Type": "text/x-component"}, 200, big, Zstd, true},
		{"404 page", "GET", "br", map[string]string{"Content-Type": "text/html"}, 404, big, Brotli, true},
		{"sniffed html", "GET", "gzip", nil, 200, "<!DOCTYPE html>" + big, Gzip, true},
		{"tiny", "GET", "gzip", map[string]string{"Content-Type": "text/html"}, 200, "<p>hi</p>", "", true},
		{"no accept", "GET", "", map[string]string{"Content-Type": "text/html"}, 200, big, "", true},
		{"head", "HEAD", "gzip", map[string]string{"Content-Type": "text/html"}, 200, big, "", true},
		{"already encoded", "GET", "gzip", map[string]string{"Content-Type": "text/html", "Content-Encoding": "br"}, 200, big, Brotli, false},
		{"image", "GET", "gzip", map[string]string{"Content-Type": "image/png"}, 200, big, "", false},
		{"no-transform", "GET", "gzip", map[string]string{"Content-Type": "text/html", "Cache-Control": "public, no-transform"}, 200, big, "", false},
		{"range", "GET", "gzip", map[string]string{"Content-Type": "text/html", "Content-Range": "bytes 0-9/100"}, 206, big, "", false},
		{"204", "GET", "gzip", map[string]string{"Content-Type": "text/html"}, 204, "", "", false},
		{"304", "GET", "gzip", map[string]string{"Content-Type": "text/html"}, 304, "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/", nil)
			if tc.accept != "" {
				r.Header.Set("Accept-Encoding", tc.accept)
			}
			rec := httptest.NewRecorder()
			c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				w.Header().Set("Content-Length", "12345") // wrong once compressed: must go
				w.Header().Set("Etag", `"v1"`)
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			})).ServeHTTP(rec, r)
			res := rec.Result()
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
			if got := res.Header.Get("Content-Encoding"); got != tc.encoding {
				t.Fatalf("Content-Encoding %q, want %q", got, tc.encoding)
			}
			if got := res.Header.Get("Vary") == "Accept-Encoding"; got != tc.vary {
				t.Errorf("Vary %q, want Accept-Encoding: %v", res.Header.Get("Vary"), tc.vary)
			}
			body := rec.Body.Bytes()
			if tc.encoding != "" && tc.header["Content-Encoding"] == "" {
				if res.Header.Get("Content-Length") != "" {
					t.Errorf("compressed answer kept Content-Length %s", res.Header.Get("Content-Length"))
				}
				if et := res.Header.Get("Etag"); et != `W/"v1"` {
					t.Errorf("ETag %s, want it weakened", et)
				}
				if len(body) >= len(tc.body)/4 {
					t.Errorf("compressed %d bytes into %d", len(tc.body), len(body))
				}
				dec, err := Decode(tc.encoding, bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				plain, err := io.ReadAll(dec)
				if err != nil {
					t.Fatal(err)
				}
				body = plain
			} else if res.Header.Get("Etag") != `"v1"` {
				t.Errorf("ETag %s changed on an answer sent as is", res.Header.Get("Etag"))
			}
			if tc.method != "HEAD" && string(body) != tc.body && !(tc.status == 204 || tc.status == 304) {
				t.Errorf("body %.60q…, want %.60q…", body, tc.body)
			}
			if tc.name == "sniffed html" && !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Errorf("Content-Type %q, want the sniffed text/html", res.Header.Get("Content-Type"))
			}
		})
	}
}

// TestWriterTinyGetsContentLength: a small answer is not compressed and
// keeps an exact Content-Length, written in pieces or at once.
func TestWriterTinyGetsContentLength(t *testing.T) {
	c := New(nil)
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip, br")
	rec := httptest.NewRecorder()
	c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/x-component")
		io.WriteString(w, "0:")
		io.WriteString(w, `{"a":1}`+"\n")
	})).ServeHTTP(rec, r)
	if got := rec.Header().Get("Content-Length"); got != "10" {
		t.Errorf("Content-Length %q, want 10", got)
	}
	if rec.Body.String() != "0:{\"a\":1}\n" || rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("body %q, Content-Encoding %q", rec.Body.String(), rec.Header().Get("Content-Encoding"))
	}
}

// TestWriterStreams serves an answer in three flushed parts over a real
// HTTP connection and checks, for each coding, that each part can be
// decoded by the client before the server writes the next one.
func TestWriterStreams(t *testing.T) {
	c := New(nil)
	parts := []string{"<!DOCTYPE html><p>shell</p>", "<p>boundary one</p>", "<p>boundary two</p></html>"}
	release := make(chan int)
	srv := httptest.NewServer(c.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		rc := http.NewResponseController(w)
		for i, p := range parts {
			if i > 0 {
				select {
				case got := <-release:
					if got != i {
						panic("out of order")
					}
				case <-r.Context().Done():
					return
				}
			}
			io.WriteString(w, p)
			if err := rc.Flush(); err != nil {
				panic(err)
			}
		}
	})))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	for _, coding := range Dynamic {
		t.Run(coding, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL, nil)
			req.Header.Set("Accept-Encoding", coding)
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			// A part that never arrives fails the test instead of hanging it.
			stop := time.AfterFunc(20*time.Second, func() { res.Body.Close() })
			defer stop.Stop()
			if got := res.Header.Get("Content-Encoding"); got != coding {
				t.Fatalf("Content-Encoding %q, want %q (the first flush was below MinSize: it must compress anyway)", got, coding)
			}
			dec, err := Decode(coding, res.Body)
			if err != nil {
				t.Fatal(err)
			}
			br := bufio.NewReader(dec)
			var got strings.Builder
			buf := make([]byte, 256)
			for i, p := range parts {
				if i > 0 {
					release <- i
				}
				want := strings.Join(parts[:i+1], "")
				for got.Len() < len(want) {
					n, err := br.Read(buf)
					got.Write(buf[:n])
					if err != nil {
						t.Fatalf("part %d: %v after %q", i, err, got.String())
					}
				}
				if got.String() != want {
					t.Fatalf("after part %d (%q): %q", i, p, got.String())
				}
			}
			if rest, err := io.ReadAll(br); err != nil || len(rest) > 0 {
				t.Errorf("after the last part: %q, %v", rest, err)
			}
		})
	}
}

func TestStaticRoundTrip(t *testing.T) {
	data := []byte(strings.Repeat("export function f(){return 42}\n", 500))
	for _, coding := range []string{Gzip, Brotli, Zstd} {
		for _, best := range []bool{false, true} {
			enc, err := Static(coding, data, best)
			if err != nil || enc == nil {
				t.Fatalf("Static(%s, best=%v): %v, %d bytes", coding, best, err, len(enc))
			}
			dec, err := Decode(coding, bytes.NewReader(enc))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(dec)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("%s round trip: %v", coding, err)
			}
		}
	}
	// Random-looking bytes do not shrink: no encoded copy.
	noise := make([]byte, 4096)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	if enc, err := Static(Gzip, noise, true); err != nil || enc != nil {
		t.Errorf("Static(noise) = %d bytes, %v; want nil", len(enc), err)
	}
}
