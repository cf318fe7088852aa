// Streamed documents against React itself: every case of
// internal/testdata/writers/stream-cases.json is rendered by
// internal/render and written by fizz.Stream — the shell, then each
// boundary's segment as its gate opens — and compared byte for byte with
// react-dom/server's streamed output for the same tree
// (golden/<case>.stream.html), the streaming scripts included (read from
// react-dom as the app reads them).
//
// Regenerate the golden files (needs Node and tools/react/node_modules):
//
//	GORSC_UPDATE_GOLDEN=1 go test ./internal/fizz -run Stream
package fizz_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/gorsc/gorsc/internal/bundle"
	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
	"github.com/gorsc/gorsc/internal/writertest"
)

// streamDocument writes c as a streamed document: the shell, then, for
// each gate in order, the segment of the boundary that opening it
// completes, then the closing tags.
func streamDocument(t *testing.T, c writertest.Case, rt *fizz.Runtime, r fizz.Resolver) []byte {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := render.Render(ctx, c.Tree, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Wait()
	st := fizz.NewStream(r, &fizz.Options{}, rt, func(*tree.Boundary) string { return "digest" })
	out, err := st.Shell(res.Root)
	if err != nil {
		t.Fatal(err)
	}
	out = append([]byte(nil), out...)
	pending := st.TakePending()
	for _, gate := range c.Gates {
		close(gate)
		deadline := time.Now().Add(10 * time.Second) // a deadlock guard, not a measurement
		done := -1
		for done < 0 {
			for i, p := range pending {
				if p.Boundary.Ready() {
					done = i
					break
				}
			}
			if time.Now().After(deadline) {
				t.Fatal("no boundary completed after its gate opened")
			}
			time.Sleep(time.Millisecond)
		}
		seg, err := st.Segment(pending[done])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, seg...)
		pending = append(append(pending[:done:done], pending[done+1:]...), st.TakePending()...)
	}
	if len(pending) > 0 {
		t.Fatalf("%d boundaries left pending after every gate opened", len(pending))
	}
	return append(out, st.End()...)
}

func TestStreamGolden(t *testing.T) {
	if writertest.Update() {
		writertest.RegenerateStream(t)
	}
	corpus := writertest.LoadStream(t)
	rt, err := bundle.ReadFizzRuntime(filepath.Join(testenv.RepoRoot(), "tools", "react"))
	if err != nil {
		t.Skipf("React's streaming scripts: %v", err)
	}
	r := writertest.Resolver{Corpus: corpus}
	for _, c := range corpus.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got := streamDocument(t, c, rt, r)
			want := writertest.ReadGolden(t, c.Name, "stream.html")
			if !bytes.Equal(got, want) {
				t.Errorf("streamed HTML differs from React's\ngorsc: %s\nReact: %s", got, want)
			}
		})
	}
}
