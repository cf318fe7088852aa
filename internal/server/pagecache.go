package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"github.com/gorsc/gorsc/internal/compress"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorsc/gorsc/internal/cache"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/route"
)

// The cached-page path: a GET (or HEAD) of a page declared cacheable
// (gorsc.CachePage).
//
//	serveCachedPage: variant (document, whole Flight tree, or the partial
//	Flight answer for one slot) → the app's cache (fresh: served; stale:
//	served, rendered again in the background; missing: rendered once for
//	all concurrent requests) → respond from the bytes, with an ETag.
//
// The page renders for every visitor at once, so it renders with a
// request that carries only the URL path and the path values: no query,
// headers or cookies (reading the request through RequestFrom fails the
// render, naming the page), and with a context that carries none of the
// values a middleware put in the visitor's (cache.Detach). The cached functions it calls lend it their
// tags and lifetimes, so an UpdateTag of data the page shows expires the
// page too, and RevalidatePath of its path or a parent expires it.

// cachedResponse is a rendered page as kept in the cache.
type cachedResponse struct {
	Status int               `json:"status"`
	Header map[string]string `json:"header"`
	Body   []byte            `json:"body"`
	ETag   string            `json:"etag"`
}

// uncacheable is the answer of a render that is not kept (a redirect, a
// not-found or unauthorized page, a failure already logged): the
// requests that shared the render get it, the next request renders again.
type uncacheable struct{ resp *cachedResponse }

func (u *uncacheable) Error() string { return "gorsc: page answer not cacheable" }

// PageCacheDef returns the cache definition of the page at pattern
// (gorsc.CachePage fills Tags and Life).
func PageCacheDef(pattern string) *cache.Def {
	return &cache.Def{Name: "page " + pattern, What: "cached page " + pattern + " (gorsc.CachePage)",
		Hint: "it is rendered once for every visitor: leave CachePage off this page, or read the request in a page that is not cached",
		Life: cache.DefaultLife, Decode: func(b []byte) (any, error) {
			var r cachedResponse
			err := json.Unmarshal(b, &r)
			return &r, err
		}}
}

func (s *Server) serveCachedPage(w http.ResponseWriter, r *http.Request, rt *route.Route, d *cache.Def, wildcards []string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.servePage(w, r, rt)
		return
	}
	variant, page, slot := "document", rt.Full, ""
	clean := pageRequest(r, wildcards)
	if isFlightRequest(r) {
		variant = "flight"
		clean.Header.Set(protocol.Flight, "1")
		if id, partial := rt.Partial(r); partial != nil {
			variant, page, slot = "flight "+id, partial, id
		}
	}
	key := d.Name + "\x00" + r.URL.EscapedPath() + "\x00" + variant
	ctx := cache.WithRequest(r.Context(), s.cfg.Cache, r.URL.Path)
	v, err := s.cfg.Cache.Get(ctx, d, key, func(ctx context.Context) (any, error) {
		rec := &recorder{header: http.Header{}}
		s.renderPage(rec, clean.WithContext(cache.Detach(ctx)), page, slot, http.StatusOK)
		resp := rec.response()
		if resp.Status != http.StatusOK {
			return nil, &uncacheable{resp}
		}
		return resp, nil
	})
	var u *uncacheable
	switch {
	case errors.As(err, &u):
		s.writeCached(w, r, u.resp, false)
		return
	case err != nil:
		s.fail(w, r, "render of cached "+d.Name, err)
		return
	}
	resp, _ := v.(*cachedResponse)
	if resp == nil {
		s.fail(w, r, "render of cached "+d.Name, errors.New("gorsc: cached page entry of another shape"))
		return
	}
	s.writeCached(w, r, resp, true)
}

// writeCached answers with resp. A cached answer carries its ETag and
// "Cache-Control: no-cache": browsers and CDNs may keep it but ask again
// each time (a 304 when it did not change), so that an invalidation
// reaches every visitor at once; the app's cache is the only one that
// serves a page without asking. A cached answer is compressed once per
// content and coding (s.zipCache), not per request.
func (s *Server) writeCached(w http.ResponseWriter, r *http.Request, resp *cachedResponse, cached bool) {
	h := w.Header()
	for k, v := range resp.Header {
		h.Set(k, v)
	}
	if cached {
		h.Set("ETag", resp.ETag)
		h.Set("Cache-Control", "public, no-cache")
		if etagMatch(r.Header.Get("If-None-Match"), resp.ETag) {
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if cw, ok := w.(*compress.Writer); ok && cached && r.Method != http.MethodHead {
		cw.WriteCached(resp.Status, resp.Body, resp.ETag, &s.zipCache)
		return
	}
	w.WriteHeader(resp.Status)
	if r.Method != http.MethodHead {
		w.Write(resp.Body)
	}
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// pageRequest is the request a cacheable page renders with: r's method,
// host, URL path and path values, nothing of the visitor's (no query,
// headers, cookies or body).
func pageRequest(r *http.Request, wildcards []string) *http.Request {
	u := &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath}
	c := &http.Request{Method: http.MethodGet, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{}, Body: http.NoBody, Host: r.Host, RequestURI: u.RequestURI()}
	for _, name := range wildcards {
		c.SetPathValue(name, r.PathValue(name))
	}
	return c
}

// Wildcards returns the names of the wildcards of a page pattern
// ("/notes/{id}/{rest...}" has id and rest).
func Wildcards(pattern string) []string {
	var names []string
	for _, seg := range strings.Split(pattern, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") && seg != "{$}" {
			names = append(names, strings.TrimSuffix(strings.Trim(seg, "{}"), "..."))
		}
	}
	return names
}

// recorder keeps a rendered answer in memory.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = append(r.body, b...)
	return len(b), nil
}
func (r *recorder) Flush() {}

// response is what the recorder kept, less what must not be shared
// between visitors (cookies).
func (r *recorder) response() *cachedResponse {
	resp := &cachedResponse{Status: r.status, Header: map[string]string{}, Body: r.body}
	if resp.Status == 0 {
		resp.Status = http.StatusOK
	}
	for k, v := range r.header {
		if k != "Set-Cookie" && len(v) > 0 {
			resp.Header[k] = strings.Join(v, ", ")
		}
	}
	sum := sha256.Sum256(r.body)
	resp.ETag = `"` + hex.EncodeToString(sum[:12]) + `"`
	return resp
}
