package flight_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
	"github.com/gorsc/gorsc/internal/writertest"
)

// An Encoder reused after Release writes what a new one writes: nothing of
// an earlier response (ids, imports, dedupe paths, hints, actions) leaks
// into the next. Every case of the writer corpus is written by one reused
// Encoder, after the case before it, and compared with a new Encoder's
// rows, in production and development shapes.
func TestReusedEncoderWritesTheSame(t *testing.T) {
	corpus := writertest.Load(t)
	r := writertest.Resolver{Corpus: corpus}
	for _, opts := range []flight.Options{{}, {Dev: true}} {
		reused := flight.NewUnpooledEncoder(r, opts)
		for _, c := range corpus.Cases {
			fresh, freshErr := flight.NewUnpooledEncoder(r, opts).Encode(c.Tree)
			reused.Reuse(r, opts)
			again, err := reused.Encode(c.Tree)
			if (err == nil) != (freshErr == nil) || !bytes.Equal(fresh, again) {
				t.Fatalf("%s (dev %v): reused encoder wrote\n%s (err %v)\nnew encoder\n%s (err %v)", c.Name, opts.Dev, again, err, fresh, freshErr)
			}
		}
		// And the two benchmark pages, whose dedupe paths and actions are
		// many.
		for _, root := range []any{benchForms(30), benchList(30), benchForms(5)} {
			fresh, _ := flight.NewUnpooledEncoder(benchResolver, opts).Encode(root)
			reused.Reuse(benchResolver, opts)
			again, _ := reused.Encode(root)
			if !bytes.Equal(fresh, again) {
				t.Fatalf("benchmark page: reused encoder wrote\n%s\nnew encoder\n%s", again, fresh)
			}
		}
	}
}

// An empty tag or prop name is written as "" (the name cache keys names
// by their bytes' address, which an empty string does not have).
func TestEmptyNameWritten(t *testing.T) {
	rows, err := flight.Encode(tree.El("div", tree.Attr{Name: "", Value: "x"}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := `0:["$","div",null,{"":"x"}]` + "\n"; string(rows) != want {
		t.Errorf("rows = %q, want %q", rows, want)
	}
}

// Short attribute values are written from a cache kept by the address of
// their bytes: two values at the same address with other lengths, the
// same bytes again, escapes, a "$" and an empty value are each written as
// themselves, in one encoder and in the next one from the pool.
func TestAttrValuesWritten(t *testing.T) {
	s := "item\"x$y"
	el := func() tree.Node {
		return tree.El("ul",
			tree.El("li", tree.Attr{Name: "className", Value: s[:4]}),
			tree.El("li", tree.Attr{Name: "className", Value: s[:6]}),
			tree.El("li", tree.Attr{Name: "className", Value: s[:4]}),
			tree.El("li", tree.Attr{Name: "title", Value: s[6:]}),
			tree.El("li", tree.Attr{Name: "title", Value: "$" + s[:1]}),
			tree.El("li", tree.Attr{Name: "title", Value: ""}),
		)
	}
	want := `0:["$","ul",null,{"children":[["$","li",null,{"className":"item"}],["$","li",null,{"className":"item\"x"}],["$","li",null,{"className":"item"}],["$","li",null,{"title":"$$y"}],["$","li",null,{"title":"$$i"}],["$","li",null,{"title":""}]]}]` + "\n"
	for range 2 {
		rows, err := flight.Encode(el(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(rows) != want {
			t.Errorf("rows = %s\nwant   %s", rows, want)
		}
	}
}

// How an unkeyed simple element starts is kept by its tag's and its
// attributes' addresses: the same attributes give the same head, other
// ones (or the same in another order, or with a nil value) their own, and
// a long value — a text row of its response — is written anew in each
// response.
func TestElementHeadsWritten(t *testing.T) {
	cls := tree.StrAttr("className", "item")
	id := tree.StrAttr("id", "x")
	long := strings.Repeat("a", 1100)
	longTitle := tree.Node(tree.Attr{Name: "title", Value: long}) // one box: the same address each time
	page := func() tree.Node {
		return tree.El("ul",
			tree.El("li", cls, tree.Text("a")),
			tree.El("li", cls, tree.Text("b")),
			tree.El("li", cls, id, tree.Text("c")),
			tree.El("li", id, cls, tree.Text("d")),
			tree.El("li", tree.Attr{Name: "title", Value: nil}, tree.Text("e")),
			tree.El("li", tree.Text("f")),
			tree.El("li", longTitle),
		)
	}
	lis := `["$","li",null,{"className":"item","children":"a"}],["$","li",null,{"className":"item","children":"b"}],` +
		`["$","li",null,{"className":"item","id":"x","children":"c"}],["$","li",null,{"id":"x","className":"item","children":"d"}],` +
		`["$","li",null,{"children":"e"}],["$","li",null,{"children":"f"}],["$","li",null,{"title":"$1"}]`
	want := "1:T44c," + long + `0:["$","ul",null,{"children":[` + lis + "]}]\n"
	for i := range 3 { // the heads are kept by the pooled encoders
		rows, err := flight.Encode(page(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if string(rows) != want {
			t.Errorf("response %d:\n%.300s\nwant\n%.300s", i, rows[min(len(rows), 1100):], want[1100:])
		}
	}
}
