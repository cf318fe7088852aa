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
