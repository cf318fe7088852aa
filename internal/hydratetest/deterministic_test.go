package hydratetest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

// A page whose Suspense boundaries hold content that does not wait is the
// same response every time, through the whole App: the boundaries are
// inline in the HTML and in Flight (no fallback, no lazy row), in 100
// requests of each kind.
func TestReadySuspenseIdenticalResponses(t *testing.T) {
	testenv.NodeModules(t, "tools/react")
	app := &gorsc.App{Dir: filepath.Join(testenv.RepoRoot(), "tools", "react", "testapp"), Secret: []byte("t")}
	item := func(s string) tree.Node {
		return &tree.Component{Name: "Item", Fn: func(ctx context.Context) (tree.Node, error) {
			return tree.El("li", tree.Text(s)), nil
		}}
	}
	app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
		return tree.El("html", tree.El("head", tree.El("meta", attr("charSet", "utf-8"))),
			tree.El("body",
				&tree.Suspense{Fallback: tree.Text("loading markup"), Children: []tree.Node{tree.El("p", tree.Text("markup"))}},
				&tree.Suspense{Fallback: tree.Text("loading list"), Children: []tree.Node{
					tree.El("ul", item("a"), item("b"), &tree.Suspense{Fallback: tree.Text("inner"), Children: []tree.Node{item("c")}}),
				}},
			)), nil
	})
	if err := app.Prepare(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(app)
	defer srv.Close()
	get := func(flight bool) string {
		req, _ := http.NewRequest("GET", srv.URL+"/", nil)
		if flight {
			req.Header.Set(protocol.Flight, "1")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("status %d, %v", resp.StatusCode, err)
		}
		return string(b)
	}
	for _, flight := range []bool{false, true} {
		first := get(flight)
		for _, notWant := range []string{`<!--$?-->`, `"$L`} { // (fallbacks are in the Flight props, as React sends them)
			if strings.Contains(first, notWant) {
				t.Errorf("flight=%v: the response has %q: a boundary was not inline\n%s", flight, notWant, first)
			}
		}
		for i := 1; i < 100; i++ {
			if got := get(flight); !bytes.Equal([]byte(got), []byte(first)) {
				t.Fatalf("flight=%v: response %d differs from the first\nfirst: %s\nnow:   %s", flight, i, first, got)
			}
		}
	}
}
