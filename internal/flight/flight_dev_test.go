package flight_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/writertest"
)

// TestFlightDevDecodedByReact encodes the corpus with Options{Dev: true}
// and decodes it with React's development Flight client
// (NODE_ENV=development), then renders the result with react-dom/server's
// development build: React must log no warning about the rows (keys,
// element shapes; warnings about the case's own props, which React's own
// rows get too, are allowed) and decode the same tree as from React's own
// production rows.
func TestFlightDevDecodedByReact(t *testing.T) {
	corpus := writertest.Load(t)
	r := writertest.Resolver{Corpus: corpus}
	rows := map[string][]byte{}
	for _, c := range corpus.Cases {
		out, err := writertest.EncodeFlight(c.Tree, r, flight.Options{Dev: true})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		rows["dev/"+c.Name] = out
	}
	rows["dev-error"] = flight.ErrorRow(0, "dg-1", true, errors.New("boom in Go"))
	// React's own rows go through a process of their own: react-dom warns
	// once per message and process, and both runs must see the cases in
	// the same order (labels sort alike) to warn alike.
	reactRows := map[string][]byte{}
	for _, c := range corpus.Cases {
		golden := writertest.ReadGolden(t, c.Name, "rsc")
		if bytes.Contains(golden, []byte(":E{")) {
			// A production error row ({"digest"} alone) crashes React's
			// development client (flight-spec §1.7): React's own rows of
			// such a case cannot be read in development at all.
			continue
		}
		reactRows["dev/"+c.Name] = golden
	}
	reactDev := writertest.DecodeDev(t, reactRows)
	dev := writertest.DecodeDev(t, rows)
	prod := writertest.Decode(t, func() map[string][]byte {
		m := map[string][]byte{}
		for _, c := range corpus.Cases {
			m[c.Name] = writertest.ReadGolden(t, c.Name, "rsc")
		}
		return m
	}())
	clean := 0
	for _, c := range corpus.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got, want := dev["dev/"+c.Name], prod[c.Name]
			if got.Error != "" {
				t.Fatalf("React's development client failed: %s\nrows:\n%s", got.Error, rows["dev/"+c.Name])
			}
			// react-dom's development build also validates the case's
			// props (a value without onChange, an invalid attribute name…):
			// those warnings come with React's own rows too and are about
			// the case, not the rows. Every other warning fails the case,
			// and so does any about keys or element shapes.
			theirs := map[string]bool{}
			for _, w := range reactDev["dev/"+c.Name].Warnings {
				theirs[w] = true
			}
			for _, w := range got.Warnings {
				if !theirs[w] || strings.Contains(w, "key") || strings.Contains(w, "validated") {
					t.Errorf("React's development build warned on gorsc's rows: %s\nrows:\n%s", w, rows["dev/"+c.Name])
				}
			}
			if !bytes.Equal(got.Tree, want.Tree) {
				t.Errorf("development decode differs\ngorsc dev: %s\nReact prod: %s", got.Tree, want.Tree)
			}
			if !t.Failed() {
				clean++
			}
		})
	}
	if e := dev["dev-error"]; !strings.Contains(e.Error, "boom in Go") {
		t.Errorf("development error row: decoded error %q, want the message", e.Error)
	}
	t.Logf("flight dev differential: %d cases, %d decoded by React's development client with 0 warnings about the rows", len(corpus.Cases), clean)
}
