package devserver

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestInjectHead(t *testing.T) {
	big := strings.Repeat("x", maxHeld+10)
	for _, c := range []struct{ in, want string }{
		{"<html><head><title>t</title></head><body>b</body></html>", "<html><head><title>t</title>TAG</head><body>b</body></html>"},
		{"<p>no head</p>", "<p>no head</p>"}, // short and no </head>: unchanged
		{"", ""},
		{"</head></head>", "TAG</head></head>"},
		{big, "TAG" + big},
	} {
		// One byte at a time too: "</head>" split across reads.
		for _, r := range []io.Reader{strings.NewReader(c.in), iotest.OneByteReader(strings.NewReader(c.in))} {
			got, err := io.ReadAll(injectHead(io.NopCloser(r), "TAG"))
			if err != nil || string(got) != c.want {
				t.Errorf("injectHead(%.40q) = %.60q, %v; want %.60q", c.in, got, err, c.want)
			}
		}
	}
}

func TestChangesNeedBuild(t *testing.T) {
	old := map[string]stamp{"/a/main.go": {size: 1}, "/a/c/X.tsx": {size: 1}}
	for _, c := range []struct {
		cur   map[string]stamp
		n     int
		build bool
	}{
		{map[string]stamp{"/a/main.go": {size: 1}, "/a/c/X.tsx": {size: 2}}, 1, false},
		{map[string]stamp{"/a/main.go": {size: 2}, "/a/c/X.tsx": {size: 1}}, 1, true},
		{map[string]stamp{"/a/main.go": {size: 1}}, 1, false}, // a TSX file removed
		{map[string]stamp{"/a/main.go": {size: 1}, "/a/c/X.tsx": {size: 1}, "/a/s.css": {}}, 1, true},
	} {
		paths, build := changes("/a", old, c.cur)
		if len(paths) != c.n || build != c.build {
			t.Errorf("changes(%v) = %v, %v; want %d paths, build %v", c.cur, paths, build, c.n, c.build)
		}
	}
}
