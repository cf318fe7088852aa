package server

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorsc/gorsc/internal/cache"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/request"
)

// maxRevalidatedHeader bounds each revalidation header; a longer list is
// sent as "/" for paths (the router drops every page it keeps).
const maxRevalidatedHeader = 4 << 10

// revalidation tells the browser's router what the action invalidated
// (protocol.RevalidatedPaths and RevalidatedTags on the answer) and
// reports whether the answer renders the page again: when the action
// invalidated a cache tag (the page may show tagged data), or revalidated
// a path at or above the page's. An answer that sets a cookie revalidates
// "/" for the router, as the cookie may change what every page shows; a
// cookie the action set (gorsc.SetCookie) also renders the page again.
func (s *Server) revalidation(w http.ResponseWriter, r *http.Request, st *request.Action) (rerender bool) {
	paths, tags := st.Invalidated()
	rerender = len(tags) > 0 || len(st.Cookies()) > 0
	for _, p := range paths {
		rerender = rerender || covers(p, r.URL.Path)
	}
	if len(w.Header().Values("Set-Cookie")) > 0 {
		paths = append(paths, "/")
	}
	h := w.Header()
	if len(paths) > 0 {
		v := list(paths)
		if len(v) > maxRevalidatedHeader {
			v = "/"
		}
		h.Set(protocol.RevalidatedPaths, v)
	}
	if len(tags) > 0 {
		if v := list(tags); len(v) <= maxRevalidatedHeader {
			h.Set(protocol.RevalidatedTags, v)
		} else {
			h.Set(protocol.RevalidatedPaths, "/")
		}
	}
	return rerender
}

// covers reports whether revalidating path p reaches URL path u: p is u
// or one of its parents.
func covers(p, u string) bool {
	if p == "/" || p == u {
		return true
	}
	p = strings.TrimRight(p, "/")
	return u == p || strings.HasPrefix(u, p+"/")
}

// list joins values, each percent-encoded (as encodeURIComponent would,
// so commas inside are escaped), with commas, leaving out duplicates.
func list(vs []string) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v] {
			continue
		}
		seen[v] = true
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strings.ReplaceAll(url.QueryEscape(v), "+", "%20"))
	}
	return b.String()
}

// withCache gives the context of a handler registered with App.Handle the
// app's cache, so that it can call cached functions and invalidate tags
// (a webhook calling RevalidateTag).
func (s *Server) withCache(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(cache.WithRequest(r.Context(), s.cfg.Cache, "")))
	})
}

// setCookies writes the cookies the action set (gorsc.SetCookie) into the
// answer's Set-Cookie headers, whatever the answer (redirects included),
// and returns r with its Cookie header changed to match: the page the
// answer renders again sees the new cookies, and not the deleted ones (as
// Next.js applies cookies().set to the render that follows an action).
func setCookies(w http.ResponseWriter, r *http.Request, st *request.Action) *http.Request {
	set := st.Cookies()
	if len(set) == 0 {
		return r
	}
	for _, c := range set {
		w.Header().Add("Set-Cookie", c.String())
	}
	changed := make(map[string]bool, len(set))
	for _, c := range set {
		changed[c.Name] = true
	}
	r = r.Clone(r.Context())
	old := r.Cookies()
	r.Header.Del("Cookie")
	for _, c := range old {
		if !changed[c.Name] {
			r.AddCookie(c)
		}
	}
	last := map[string]*http.Cookie{}
	for _, c := range set {
		last[c.Name] = c
	}
	now := time.Now()
	for _, c := range set {
		if last[c.Name] != c {
			continue // set again later: the last one counts
		}
		if c.MaxAge < 0 || (!c.Expires.IsZero() && c.Expires.Before(now)) {
			continue // deleted
		}
		r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value, Quoted: c.Quoted})
	}
	return r
}
