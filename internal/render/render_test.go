package render

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorsc/gorsc/internal/tree"
)

// barrier returns components that each wait until all n are running: the
// render finishes only if it runs them at the same time.
func barrier(n int) []tree.Node {
	var wg sync.WaitGroup
	wg.Add(n)
	all := make(chan struct{})
	go func() { wg.Wait(); close(all) }()
	out := make([]tree.Node, n)
	for i := range out {
		out[i] = &tree.Component{Fn: func(ctx context.Context) (tree.Node, error) {
			wg.Done()
			select {
			case <-all:
				return tree.Text("ok"), nil
			case <-time.After(10 * time.Second):
				return nil, errors.New("siblings did not run at the same time")
			}
		}}
	}
	return out
}

func TestSiblingsRunInParallel(t *testing.T) {
	kids := barrier(3)
	root := tree.El("div", tree.El("section", kids[0]), kids[1], &tree.Fragment{Children: []tree.Node{kids[2]}})
	res, err := Render(context.Background(), root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res.Wait()
}

func TestSuspenseDoesNotBlockShell(t *testing.T) {
	gate := make(chan struct{})
	slow := &tree.Component{Fn: func(ctx context.Context) (tree.Node, error) {
		select { // waits, as Go code waits: on its context too
		case <-gate:
			return tree.Text("late"), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}}
	res, err := Render(context.Background(), tree.El("main", &tree.Suspense{Fallback: tree.Text("wait"), Children: []tree.Node{slow}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Root.(*tree.Element).Children()[0].(*tree.Boundary)
	if b.Ready() || b.Fallback != tree.Text("wait") {
		t.Fatalf("boundary ready=%v fallback=%v before its child finished", b.Ready(), b.Fallback)
	}
	close(gate)
	<-b.Done
	if b.Err != nil || len(b.Children) != 1 || b.Children[0] != tree.Text("late") {
		t.Errorf("boundary = %+v", b)
	}
	res.Wait()
}

func TestErrorsInsideAndOutsideBoundaries(t *testing.T) {
	fail := &tree.Component{Name: "Broken", Fn: func(ctx context.Context) (tree.Node, error) { return nil, errors.New("boom") }}
	// Outside a boundary: the render fails, naming the component.
	res, err := Render(context.Background(), tree.El("div", &tree.Component{Name: "Page", Fn: func(ctx context.Context) (tree.Node, error) {
		return tree.El("p", fail), nil
	}}), Options{})
	res.Wait()
	if err == nil || !strings.Contains(err.Error(), "Broken (in Page): boom") {
		t.Errorf("err = %v", err)
	}
	// Inside: only the boundary fails.
	res, err = Render(context.Background(), &tree.Suspense{Children: []tree.Node{fail}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res.Wait()
	if b := res.Root.(*tree.Boundary); b.Err == nil {
		t.Error("the boundary did not fail")
	}
}

func TestPanicBecomesError(t *testing.T) {
	p := &tree.Component{Name: "Panicky", Fn: func(ctx context.Context) (tree.Node, error) { panic("oops") }}
	res, err := Render(context.Background(), p, Options{})
	res.Wait()
	if err == nil || !strings.Contains(err.Error(), "Panicky: panic: oops") {
		t.Errorf("err = %v", err)
	}
}

func TestConcurrencyBound(t *testing.T) {
	var mu sync.Mutex
	running, peak := 0, 0
	kids := make([]tree.Node, 20)
	for i := range kids {
		kids[i] = &tree.Component{Fn: func(ctx context.Context) (tree.Node, error) {
			mu.Lock()
			running++
			peak = max(peak, running)
			mu.Unlock()
			time.Sleep(time.Millisecond)
			mu.Lock()
			running--
			mu.Unlock()
			return nil, nil
		}}
	}
	res, err := Render(context.Background(), tree.Group(kids), Options{Concurrency: 3})
	res.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if peak > 3 {
		t.Errorf("%d components ran at once, want at most 3", peak)
	}
}

func TestCancelledContextStopsComponents(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	res, err := Render(ctx, &tree.Component{Fn: func(ctx context.Context) (tree.Node, error) {
		called = true
		return nil, nil
	}}, Options{})
	res.Wait()
	if !errors.Is(err, context.Canceled) || called {
		t.Errorf("err = %v, called = %v; want context.Canceled without calling the component", err, called)
	}
}
