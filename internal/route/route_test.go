package route

import (
	"github.com/gorsc/gorsc/internal/protocol"
	"net/http/httptest"
	"testing"
)

func TestSegmentID(t *testing.T) {
	for _, c := range []struct{ prefix, path, want string }{
		{"/", "/notes/1", "/"},
		{"/notes", "/notes/1", "/notes"},
		{"/notes/{id}", "/notes/1", "/notes/{1}"},
		{"/notes/{id}", "/notes/2", "/notes/{2}"},
		{"/(info)", "/about", "/(info)"},
		{"/(shop)/cart/{id}", "/cart/7", "/(shop)/cart/{7}"},
		{"/docs/{path...}", "/docs/a/b", "/docs/{a%2Fb}"},
		{"/tags/{tag}", "/tags/a,b%20c", "/tags/{a%2Cb%20c}"},
		{"/tags/{tag}", "/tags/%7Bx%7D", "/tags/{%7Bx%7D}"},
		{"/tags/{tag}", "/tags/é", "/tags/{%C3%A9}"},
	} {
		if got := SegmentID(c.prefix, httptest.NewRequest("GET", c.path, nil)); got != c.want {
			t.Errorf("SegmentID(%q, %q) = %q, want %q", c.prefix, c.path, got, c.want)
		}
	}
}

func TestMountedSlots(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Add(protocol.Segments, "/, /notes,,")
	r.Header.Add(protocol.Segments, "/notes/{1}")
	got := mountedSlots(r)
	if len(got) != 3 {
		t.Errorf("mountedSlots = %v", got)
	}
	for _, id := range []string{"/", "/notes", "/notes/{1}"} {
		if _, ok := got[id]; !ok {
			t.Errorf("mountedSlots lacks %q: %v", id, got)
		}
	}
	many := ""
	for i := range 1000 {
		many += "/x" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + ","
	}
	r.Header.Set(protocol.Segments, many)
	if n := len(mountedSlots(r)); n != maxMountedSlots {
		t.Errorf("%d slots read from a long header, want at most %d", n, maxMountedSlots)
	}
}
