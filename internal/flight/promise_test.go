package flight_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
	"github.com/gorsc/gorsc/internal/writertest"
)

var counter = writertest.Resolver{Corpus: &writertest.Corpus{Clients: map[string]writertest.ClientMeta{
	"components/Counter.tsx#Counter": {ID: "/a/Counter.js", Chunks: []string{}, Name: "Counter"},
}}}

func counterWith(props any) *tree.ClientRef {
	return &tree.ClientRef{Module: "components/Counter.tsx", Export: "Counter", Props: props}
}

// A promise that settles after row 0 is written: the stream writes its
// row when it resolves, with the ids it was given when it was referenced.
func TestPromiseStreamedLater(t *testing.T) {
	release := make(chan struct{})
	p := tree.NewPromise(context.Background(), func(context.Context) (any, error) {
		<-release
		return map[string]any{"n": 1, "inner": tree.Resolved("x")}, nil
	})
	enc := flight.NewEncoder(counter)
	rows, err := enc.Encode(counterWith(map[string]any{"data": p, "again": p}))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"again":"$@3","data":"$@3"}`; !strings.Contains(string(rows), want) {
		t.Errorf("row 0 lacks %s:\n%s", want, rows)
	}
	pending := enc.TakePromises()
	if len(pending) != 1 || pending[0].ID != 3 || pending[0].Promise != p {
		t.Fatalf("TakePromises = %+v, want promise 3 once", pending)
	}
	if w := pending[0].Where(); w != `prop "again" of client component components/Counter.tsx#Counter` {
		t.Errorf("Where = %q", w)
	}
	if len(enc.TakePromises()) != 0 {
		t.Error("TakePromises returned the promise twice")
	}
	if p.Settled() {
		t.Fatal("settled early")
	}
	close(release)
	<-p.Done()
	out, err := enc.EncodePromise(pending[0], "", false)
	if err != nil {
		t.Fatal(err)
	}
	if want := "3:{\"inner\":\"$@4\",\"n\":1}\n"; string(out) != want {
		t.Errorf("promise row = %q, want %q", out, want)
	}
	next := enc.TakePromises()
	if len(next) != 1 || next[0].ID != 4 {
		t.Fatalf("nested promise: %+v", next)
	}
	out, _ = enc.EncodePromise(next[0], "", false)
	if string(out) != "4:\"x\"\n" {
		t.Errorf("nested row = %q", out)
	}
}

func TestPromiseRejectedAndUnsendable(t *testing.T) {
	enc := flight.NewEncoderWith(counter, flight.Options{Dev: true})
	bad := tree.Resolved(map[string]any{"c": make(chan int)})
	if _, err := enc.Encode(counterWith(map[string]any{"r": tree.Rejected(errors.New("db down")), "bad": bad})); err != nil {
		t.Fatal(err)
	}
	ps := enc.TakePromises()
	if len(ps) != 2 {
		t.Fatalf("promises: %+v", ps)
	}
	// Props are written in key order: "bad" first.
	_, err := enc.EncodePromise(ps[0], "", true)
	var be *flight.BoundaryError
	if !errors.As(err, &be) || be.Path != "bad.c" || !strings.Contains(err.Error(), "client component components/Counter.tsx#Counter") {
		t.Errorf("unsendable value: err = %v", err)
	}
	out, err := enc.EncodePromise(ps[1], "dg-7", true)
	if err != nil {
		t.Fatal(err)
	}
	if want := `4:E{"digest":"dg-7","name":"Error","message":"db down","stack":[],"env":"Server","owner":null}` + "\n"; string(out) != want {
		t.Errorf("rejected row = %s, want %s", out, want)
	}
}

func TestPlainRefusesStreamedValues(t *testing.T) {
	for name, v := range map[string]any{
		"promise": tree.Resolved(1),
		"map":     flight.Map{{Key: "k", Value: 1}},
		"set":     flight.Set{1},
	} {
		if _, err := flight.EncodePlain([]any{v}); err == nil {
			t.Errorf("%s: EncodePlain accepted it", name)
		}
	}
}

type tempRef string

func (r tempRef) TemporaryReferenceID() string { return string(r) }

func TestTemporaryReferenceWritten(t *testing.T) {
	rows, err := flight.Encode(flight.Object{{Key: "returnValue", Value: []any{tempRef("0:1"), tempRef("0:2:k")}}}, counter)
	if err != nil {
		t.Fatal(err)
	}
	if want := "0:{\"returnValue\":[\"$T0:1\",\"$T0:2:k\"]}\n"; string(rows) != want {
		t.Errorf("rows = %q, want %q", rows, want)
	}
}
