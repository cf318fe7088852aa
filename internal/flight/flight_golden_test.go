// Golden tests against React itself: every case of
// internal/testdata/writers/cases.json is encoded by this package and
// compared with the Flight rows React 19.3's react-server-dom-webpack
// writes for the same tree (internal/testdata/writers/golden/<case>.rsc),
// and React's own Flight client must decode both into the same tree.
//
// The golden files come from React, not from this package. Regenerate them
// (needs Node and tools/react/node_modules) with:
//
//	GORSC_UPDATE_GOLDEN=1 go test ./internal/flight ./internal/fizz
package flight_test

import (
	"bytes"
	"testing"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/writertest"
)

// knownFlightDifferences lists the cases whose rows are not byte-equal to
// React's, with the reason. React's Flight client must still decode them
// into the same tree (TestFlightDecodedByReact).
//
// Not a difference in the rows but a limit of where they travel: binary
// rows ([]byte, typed arrays) are raw bytes. Served as a Flight response
// they arrive intact; inlined into the HTML document (the first load),
// the rows are pushed as a JavaScript string (fizz.AppendFlightScript)
// that the browser runtime turns back into bytes with TextEncoder, which
// can only produce UTF-8: bytes that are not valid UTF-8 become U+FFFD
// there and the row lengths no longer match. React's browser client reads
// only bytes, so the fix is in the push format and the runtime: push such
// pieces as base64 (as Next.js does with its binary __next_f entries) and
// decode them with atob before enqueueing. Until then, binary props that
// are not valid UTF-8 reach the browser intact only through Flight
// responses (navigations, action results).
var knownFlightDifferences = map[string]string{}

func encodeCase(t *testing.T, c writertest.Case, r writertest.Resolver) []byte {
	t.Helper()
	rows, err := writertest.EncodeFlight(c.Tree, r, flight.Options{})
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	return rows
}

func TestFlightGolden(t *testing.T) {
	corpus := writertest.Load(t)
	if writertest.Update() {
		writertest.Regenerate(t, "flight")
	}
	r := writertest.Resolver{Corpus: corpus}
	equal := 0
	for _, c := range corpus.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got := encodeCase(t, c, r)
			want := writertest.ReadGolden(t, c.Name, "rsc")
			reason, known := knownFlightDifferences[c.Name]
			switch {
			case bytes.Equal(got, want):
				equal++
				if known {
					t.Errorf("now byte-equal to React: remove it from knownFlightDifferences (%s)", reason)
				}
			case known:
				t.Logf("known difference: %s\ngorsc:\n%sReact:\n%s", reason, got, want)
			default:
				t.Errorf("Flight rows differ from React's\ngorsc:\n%sReact:\n%s", got, want)
			}
		})
	}
	for name := range knownFlightDifferences {
		if !hasCase(corpus, name) {
			t.Errorf("knownFlightDifferences names %q, which is not a case", name)
		}
	}
	t.Logf("flight differential: %d cases, %d byte-equal to React, %d known differences", len(corpus.Cases), equal, len(knownFlightDifferences))
}

// TestFlightDecodedByReact feeds gorsc's rows and React's rows to React's
// own Flight client (react-server-dom-webpack/client) and requires the
// same decoded element tree: types, keys, props, client references and
// server references with their bound arguments.
func TestFlightDecodedByReact(t *testing.T) {
	corpus := writertest.Load(t)
	r := writertest.Resolver{Corpus: corpus}
	rows := map[string][]byte{}
	for _, c := range corpus.Cases {
		rows["gorsc/"+c.Name] = encodeCase(t, c, r)
		rows["react/"+c.Name] = writertest.ReadGolden(t, c.Name, "rsc")
	}
	decoded := writertest.Decode(t, rows)
	same := 0
	for _, c := range corpus.Cases {
		t.Run(c.Name, func(t *testing.T) {
			ours, theirs := decoded["gorsc/"+c.Name], decoded["react/"+c.Name]
			if theirs.Error != "" {
				t.Fatalf("React's client failed on React's own rows: %s", theirs.Error)
			}
			if ours.Error != "" {
				t.Fatalf("React's client failed on gorsc's rows: %s\nrows:\n%s", ours.Error, rows["gorsc/"+c.Name])
			}
			if !bytes.Equal(ours.Tree, theirs.Tree) {
				t.Fatalf("React's client decodes a different tree\ngorsc: %s\nReact: %s", ours.Tree, theirs.Tree)
			}
			same++
		})
	}
	t.Logf("flight decoded differential: %d cases, %d decoded to the same tree by React's Flight client", len(corpus.Cases), same)
}

func hasCase(c *writertest.Corpus, name string) bool {
	for _, x := range c.Cases {
		if x.Name == name {
			return true
		}
	}
	return false
}
