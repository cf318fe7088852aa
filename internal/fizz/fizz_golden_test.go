// Golden tests against React itself: every case of
// internal/testdata/writers/cases.json is rendered by this package and
// compared byte for byte with the HTML react-dom/server 19.3 writes for the
// same tree (internal/testdata/writers/golden/<case>.html). React's HTML is
// made the way a JS RSC app makes it: React's Flight server renders the
// tree, React's Flight client decodes it, react-dom/server renders that
// with renderToPipeableStream once all is ready; client components ask for
// browser-only rendering (use(ReactDOM.browser(…))), which is what gorsc's
// <!--$!--><template data-dgst=""></template> holes stand for.
//
// The golden files come from React, not from this package. Regenerate them
// (needs Node and tools/react/node_modules) with:
//
//	GORSC_UPDATE_GOLDEN=1 go test ./internal/flight ./internal/fizz
package fizz_test

import (
	"bytes"
	"testing"

	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/writertest"
)

// knownHTMLDifferences lists the cases whose HTML is not byte-equal to
// React's, with the reason. It is empty: every case is byte-equal.
//
// Streamed documents are compared with React's streamed output in
// TestStreamGolden (stream_golden_test.go). Kept on purpose, outside both
// corpora: react-dom/server writes a <link rel="preload" as="script"> for
// its bootstrap scripts; gorsc's App adds its own scripts through
// Options.HeadEnd.
var knownHTMLDifferences = map[string]string{}

func TestHTMLGolden(t *testing.T) {
	corpus := writertest.Load(t)
	if writertest.Update() {
		writertest.Regenerate(t, "html")
	}
	r := writertest.Resolver{Corpus: corpus}
	equal := 0
	for _, c := range corpus.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got, err := fizz.Render(c.Tree, r, &fizz.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := writertest.ReadGolden(t, c.Name, "html")
			reason, known := knownHTMLDifferences[c.Name]
			switch {
			case bytes.Equal(got, want):
				equal++
				if known {
					t.Errorf("now byte-equal to React: remove it from knownHTMLDifferences (%s)", reason)
				}
			case known:
				t.Logf("known difference: %s\ngorsc: %s\nReact: %s", reason, got, want)
			default:
				t.Errorf("HTML differs from React's\ngorsc: %s\nReact: %s", got, want)
			}
		})
	}
	for name := range knownHTMLDifferences {
		found := false
		for _, c := range corpus.Cases {
			found = found || c.Name == name
		}
		if !found {
			t.Errorf("knownHTMLDifferences names %q, which is not a case", name)
		}
	}
	t.Logf("html differential: %d cases, %d byte-equal to React, %d known differences", len(corpus.Cases), equal, len(knownHTMLDifferences))
}
