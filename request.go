package gorsc

import (
	"context"
	"net/http"

	"github.com/gorsc/gorsc/internal/request"
)

// RequestFrom returns the HTTP request being served, from the context
// that server components and actions receive, or nil outside a request.
func RequestFrom(ctx context.Context) *http.Request { return request.From(ctx) }

// RevalidatePath tells gorsc that the data shown at path changed (Next.js's
// revalidatePath). Called from a server action, it makes the action's
// answer carry the page re-rendered, so the browser shows the new data in
// the same round trip. Outside an action it does nothing.
//
// For now every revalidation re-renders the page the action was called
// from; finer-grained invalidation arrives with the cache.
func RevalidatePath(ctx context.Context, path string) { request.Revalidate(ctx, path) }
