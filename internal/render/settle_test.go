package render_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/render"
	"github.com/gorsc/gorsc/internal/tree"
)

type resolver struct{}

func (resolver) ClientModule(module, export string) (flight.ClientMeta, error) {
	return flight.ClientMeta{ID: "/" + module, Chunks: []string{"/" + module, "/" + module}, Name: export}, nil
}
func (resolver) ActionID(tree.ActionRef) (string, error) { return "", errors.New("no actions") }
func (resolver) EncodeBound([]any) (string, error)       { return "", errors.New("no actions") }

var testRuntime = &fizz.Runtime{ShellTime: "/*RT*/", CompleteBoundary: "/*RC*/", ClientRender: "/*RX*/"}

// response renders root as the page path does (render, the Flight rows of
// the shell, the HTML shell) and returns the shell's Flight rows and HTML
// with the number of boundaries left to stream in each.
func response(t testing.TB, ctx context.Context, root tree.Node) (rows, html []byte, lazies, pending int, res *render.Result) {
	t.Helper()
	res, err := render.Render(ctx, root, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	enc := flight.NewEncoder(resolver{})
	if rows, err = enc.Encode(res.Root); err != nil {
		t.Fatal(err)
	}
	st := fizz.NewStream(resolver{}, nil, testRuntime, func(*tree.Boundary) string { return "d" })
	if html, err = st.Shell(res.Root); err != nil {
		t.Fatal(err)
	}
	return rows, html, len(enc.TakeLazies()), len(st.TakePending()), res
}

func comp(name string, fn func(ctx context.Context) (tree.Node, error)) *tree.Component {
	return &tree.Component{Name: name, Fn: fn}
}

// busy is a component that computes (and hands work to goroutines of its
// own) without waiting on its context: content that does not wait.
func busy(label string) *tree.Component {
	return comp("Busy "+label, func(ctx context.Context) (tree.Node, error) {
		var wg sync.WaitGroup
		var sum atomic.Int64
		for i := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range 20000 {
					sum.Add(int64(i ^ j))
				}
				runtime.Gosched()
			}()
		}
		wg.Wait()
		return tree.El("p", tree.Text(fmt.Sprintf("%s %d", label, sum.Load()))), nil
	})
}

// readyTree has Suspense boundaries around markup, around components that
// compute, nested, in a client component's children and in a keyed
// component, and one around a component that waits on its context until
// gate is closed.
func readyTree(gate chan struct{}) tree.Node {
	waits := comp("Waits", func(ctx context.Context) (tree.Node, error) {
		select {
		case <-gate:
			return tree.Text("late"), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	})
	key := "k"
	return tree.El("html",
		tree.El("head", tree.El("title", tree.Text("t"))),
		tree.El("body",
			&tree.Suspense{Fallback: tree.Text("loading markup"), Children: []tree.Node{tree.El("p", tree.Text("markup"))}},
			&tree.Suspense{Fallback: tree.Text("loading busy"), Children: []tree.Node{busy("one"), tree.Text("and"), busy("two")}},
			&tree.Suspense{Fallback: busy("fallback"), Children: []tree.Node{
				comp("Outer", func(ctx context.Context) (tree.Node, error) {
					return tree.El("section",
						&tree.Suspense{Fallback: tree.Text("inner"), Children: []tree.Node{busy("nested")}},
						tree.El("link", tree.Attr{Name: "rel", Value: "stylesheet"}, tree.Attr{Name: "href", Value: "/a.css"}, tree.Attr{Name: "precedence", Value: "default"}),
					), nil
				}),
			}},
			&tree.ClientRef{Module: "Box.tsx", Export: "Box", Props: map[string]any{
				"children": &tree.Suspense{Fallback: tree.Text("loading slot"), Children: []tree.Node{busy("slot")}},
				"title":    "box",
			}},
			&tree.Component{Name: "Keyed", Key: &key, Fn: func(ctx context.Context) (tree.Node, error) {
				return &tree.Suspense{Children: []tree.Node{busy("keyed")}}, nil
			}},
			&tree.Suspense{Fallback: tree.Text("waiting"), Children: []tree.Node{waits}},
		))
}

// Content that does not wait is inline, in the HTML and in Flight, in
// every response, and the bytes are the same every time; the one boundary
// whose component waits streams.
func TestReadySuspenseIsDeterministic(t *testing.T) {
	var firstRows, firstHTML []byte
	for i := range 100 {
		gate := make(chan struct{})
		ctx, cancel := context.WithCancel(context.Background())
		rows, html, lazies, pending, res := response(t, ctx, readyTree(gate))
		close(gate)
		cancel()
		res.Wait()
		if lazies != 1 || pending != 1 {
			t.Fatalf("response %d: %d lazy rows and %d pending HTML boundaries, want 1 and 1 (the waiting one)\n%s\n%s", i, lazies, pending, rows, html)
		}
		if i == 0 {
			firstRows, firstHTML = rows, html
			for _, want := range []string{"<!--$--><p>markup</p><!--/$-->", "<!--$--><p>one ", "<!--$--><section><!--$--><p>nested ", `<template id="B:0"></template>waiting<!--/$-->`} {
				if !strings.Contains(string(html), want) {
					t.Errorf("HTML lacks %q:\n%s", want, html)
				}
			}
			continue
		}
		if !bytes.Equal(rows, firstRows) {
			t.Fatalf("response %d: Flight rows differ from the first response's\nfirst:\n%s\nnow:\n%s", i, firstRows, rows)
		}
		if !bytes.Equal(html, firstHTML) {
			t.Fatalf("response %d: HTML differs from the first response's\nfirst:\n%s\nnow:\n%s", i, firstHTML, html)
		}
	}
}

// Components that wait still run at the same time: two slow siblings in
// their own boundaries have both started before either finishes, and the
// shell does not wait for them.
func TestSlowSiblingsLoadInParallel(t *testing.T) {
	var started, finished atomic.Int32
	bothStarted := make(chan struct{})
	gate := make(chan struct{})
	var startedAtFinish [2]int32
	slow := func(i int) tree.Node {
		return &tree.Suspense{Fallback: tree.Text("…"), Children: []tree.Node{comp("Slow", func(ctx context.Context) (tree.Node, error) {
			if started.Add(1) == 2 {
				close(bothStarted)
			}
			for _, ch := range []chan struct{}{bothStarted, gate} {
				select {
				case <-ch:
				case <-ctx.Done():
					return nil, ctx.Err()
				}
			}
			startedAtFinish[i] = started.Load()
			finished.Add(1)
			return tree.Text("done"), nil
		})}}
	}
	_, _, lazies, pending, res := response(t, context.Background(), tree.El("div", slow(0), slow(1)))
	if lazies != 2 || pending != 2 {
		t.Errorf("%d lazy rows and %d pending boundaries, want both boundaries streamed", lazies, pending)
	}
	if n := finished.Load(); n != 0 {
		t.Errorf("%d slow components finished before the shell was returned", n)
	}
	close(gate)
	res.Wait()
	if startedAtFinish != [2]int32{2, 2} {
		t.Errorf("started count when each finished = %v, want both started before either finished", startedAtFinish)
	}
	for _, n := range res.Root.(*tree.Element).Children() {
		if b := n.(*tree.Boundary); b.Err != nil || len(b.Children) != 1 {
			t.Errorf("boundary = %+v", b)
		}
	}
}

// Typed nil nodes render nothing, in the renderer and in both writers,
// in the shell, in a boundary and in a client component's props.
func TestTypedNilNodes(t *testing.T) {
	var (
		c  *tree.ClientRef
		el *tree.Element
		f  *tree.Fragment
		cm *tree.Component
		s  *tree.Suspense
	)
	nils := []tree.Node{c, el, f, cm, s}
	root := tree.NewElement("div", nil, nil, append(append([]tree.Node{}, nils...),
		comp("ReturnsNilClient", func(ctx context.Context) (tree.Node, error) { return c, nil }),
		&tree.Suspense{Children: append([]tree.Node{comp("Waits", func(ctx context.Context) (tree.Node, error) {
			<-ctx.Done() // settles the boundary, so it streams
			return (*tree.Element)(nil), nil
		})}, nils...)},
		&tree.ClientRef{Module: "Box.tsx", Export: "Box", Props: map[string]any{"children": c, "slot": el}},
	))
	ctx, cancel := context.WithCancel(context.Background())
	rows, html, _, _, res := response(t, ctx, root)
	cancel()
	res.Wait()
	if !strings.HasPrefix(string(html), `<div><!--$?-->`) {
		t.Errorf("HTML = %s", html)
	}
	if !strings.Contains(string(rows), `{"children":null,"slot":null}`) {
		t.Errorf("Flight = %s", rows)
	}
	if _, err := fizz.Render(tree.NewElement("p", nil, nil, nils), resolver{}, nil); err != nil {
		t.Error(err)
	}
	if tree.Describe(c) != "nil" || len(tree.El("p", c, el, tree.Text("x")).Children()) != 1 {
		t.Error("tree helpers do not treat typed nils as nil")
	}
}

// A panic anywhere in a goroutine of the render, or in a client
// component's Go HTML, becomes an error: the boundary fails, the process
// lives.
func TestPanicsBecomeErrors(t *testing.T) {
	panics := comp("Panics", func(ctx context.Context) (tree.Node, error) {
		_ = ctx.Done()
		panic("boom")
	})
	htmlPanics := &tree.ClientRef{Module: "Box.tsx", Export: "Box", HTML: func(map[string]any) tree.Node { panic("html boom") }}
	res, err := render.Render(context.Background(), tree.El("div", &tree.Suspense{Children: []tree.Node{panics}}), render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res.Wait()
	b := res.Root.(*tree.Element).Children()[0].(*tree.Boundary)
	var pe *render.PanicError
	if !errors.As(b.Err, &pe) || pe.Value != "boom" {
		t.Errorf("boundary error = %v, want the panic", b.Err)
	}
	res, err = render.Render(context.Background(), tree.El("div", htmlPanics), render.Options{})
	res.Wait()
	if !errors.As(err, &pe) || pe.Value != "html boom" || !strings.Contains(err.Error(), "client component Box.tsx#Box") {
		t.Errorf("err = %v, want the panic of the client component's HTML", err)
	}
}

// blockedForever returns a component that ignores its context and blocks
// until release is closed, and a channel closed when it has returned.
func blockedForever(release chan struct{}, touchDone bool) (*tree.Component, chan struct{}) {
	returned := make(chan struct{})
	return comp("Stubborn", func(ctx context.Context) (tree.Node, error) {
		defer close(returned)
		if touchDone {
			_ = ctx.Done()
		}
		<-release
		return tree.Text("too late"), nil
	}), returned
}

func waitAbandoned(t *testing.T, want int64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second) // a deadlock guard, not a measurement
	for render.Abandoned() != want {
		if time.Now().After(deadline) {
			t.Fatalf("Abandoned() = %d, want %d", render.Abandoned(), want)
		}
		time.Sleep(time.Millisecond)
	}
}

// After the render's context ends, the render completes whatever its
// components do: a boundary whose component ignores the context fails
// with the context's error, Wait returns, the goroutine is counted as
// abandoned until it returns, and its late result is ignored.
func TestTimeoutCompletesRender(t *testing.T) {
	base := render.Abandoned()
	for _, touch := range []bool{false, true} {
		release := make(chan struct{})
		stubborn, returned := blockedForever(release, touch)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		res, err := render.Render(ctx, tree.El("main", &tree.Suspense{Fallback: tree.Text("wait"), Children: []tree.Node{stubborn}}), render.Options{})
		if err != nil {
			t.Fatal(err)
		}
		b := res.Root.(*tree.Element).Children()[0].(*tree.Boundary)
		<-b.Done
		if !errors.Is(b.Err, context.DeadlineExceeded) {
			t.Errorf("boundary error = %v, want the deadline", b.Err)
		}
		res.Wait()
		cancel()
		if got := render.Abandoned(); got != base+1 {
			t.Errorf("Abandoned() = %d after Wait, want %d", got, base+1)
		}
		close(release)
		<-returned
		waitAbandoned(t, base)
		if b.Children != nil {
			t.Errorf("the late result reached the boundary: %v", b.Children)
		}
	}

	// In the shell: Render fails with the deadline.
	release := make(chan struct{})
	stubborn, returned := blockedForever(release, false)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	res, err := render.Render(ctx, tree.El("main", stubborn), render.Options{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
	res.Wait()
	if got := render.Abandoned(); got != base+1 {
		t.Errorf("Abandoned() = %d, want %d", got, base+1)
	}
	close(release)
	<-returned
	waitAbandoned(t, base)
}
