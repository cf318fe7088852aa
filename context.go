package gorsc

import (
	"context"
	"net/http"
	"sync"
)

type requestKey struct{}
type actionKey struct{}

func withRequest(ctx context.Context, r *http.Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// RequestFrom returns the HTTP request being served, from the context
// that server components and actions receive, or nil outside a request.
func RequestFrom(ctx context.Context) *http.Request {
	r, _ := ctx.Value(requestKey{}).(*http.Request)
	return r
}

// actionState records what an action asked for while it ran.
type actionState struct {
	mu          sync.Mutex
	revalidated []string
}

// RevalidatePath tells gorsc that the data shown at path changed. Called
// from a server action, it makes the action's response carry the page
// re-rendered, so the browser shows the new data in the same round trip.
// Outside an action it does nothing.
//
// For now every revalidation re-renders the page the action was called
// from; finer-grained invalidation arrives with the router's cache.
func RevalidatePath(ctx context.Context, path string) {
	if s, ok := ctx.Value(actionKey{}).(*actionState); ok {
		s.mu.Lock()
		s.revalidated = append(s.revalidated, path)
		s.mu.Unlock()
	}
}

func (s *actionState) didRevalidate() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.revalidated) > 0
}
