package server

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/request"
)

func TestCovers(t *testing.T) {
	for _, tc := range []struct {
		path, url string
		want      bool
	}{
		{"/", "/", true},
		{"/", "/a/b", true},
		{"/a", "/a", true},
		{"/a", "/a/b", true},
		{"/a/", "/a/b", true},
		{"/a", "/ab", false},
		{"/a/b", "/a", false},
		{"/b", "/a/b", false},
	} {
		if got := covers(tc.path, tc.url); got != tc.want {
			t.Errorf("covers(%q, %q) = %v", tc.path, tc.url, got)
		}
	}
}

func TestRevalidationHeaders(t *testing.T) {
	for _, tc := range []struct {
		name         string
		paths, tags  []string
		cookie       bool
		page         string
		wantPaths    string
		wantTags     string
		wantRerender bool
	}{
		{name: "nothing", page: "/a"},
		{name: "own path", paths: []string{"/a"}, page: "/a/1", wantPaths: "%2Fa", wantRerender: true},
		{name: "other path", paths: []string{"/b", "/b"}, page: "/a", wantPaths: "%2Fb"},
		{name: "tags escaped", tags: []string{"note:1,2", "a b", "café"}, page: "/a", wantTags: "note%3A1%2C2,a%20b,caf%C3%A9", wantRerender: true},
		{name: "cookie", cookie: true, page: "/a", wantPaths: "%2F"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, st := request.WithAction(t.Context())
			for _, p := range tc.paths {
				request.Revalidate(ctx, p)
			}
			request.RevalidateTags(ctx, tc.tags)
			w := httptest.NewRecorder()
			if tc.cookie {
				http.SetCookie(w, &http.Cookie{Name: "s", Value: "1"})
			}
			s := &Server{}
			rerender := s.revalidation(w, httptest.NewRequest("POST", tc.page, nil), st)
			if rerender != tc.wantRerender {
				t.Errorf("rerender = %v", rerender)
			}
			if got := w.Header().Get(protocol.RevalidatedPaths); got != tc.wantPaths {
				t.Errorf("paths header %q, want %q", got, tc.wantPaths)
			}
			if got := w.Header().Get(protocol.RevalidatedTags); got != tc.wantTags {
				t.Errorf("tags header %q, want %q", got, tc.wantTags)
			}
		})
	}
}

func TestWildcards(t *testing.T) {
	got := Wildcards("/notes/{id}/files/{rest...}/{$}")
	if len(got) != 2 || got[0] != "id" || got[1] != "rest" {
		t.Errorf("Wildcards = %q", got)
	}
}
