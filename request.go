package gorsc

import (
	"context"
	"net/http"

	"github.com/gorsc/gorsc/internal/cache"
	"github.com/gorsc/gorsc/internal/request"
)

// RequestFrom returns the HTTP request being served, from the context
// that server components and actions receive, or nil outside a request.
// Inside a cached function ([Cached]) it returns nil and fails the load:
// the value is shared by every request.
func RequestFrom(ctx context.Context) *http.Request {
	if cache.ReadRequest(ctx, "RequestFrom") {
		return nil
	}
	return request.From(ctx)
}

// RevalidatePath tells gorsc that the data shown at path (a URL path like
// "/todos"; "/" for every page) changed (Next.js's revalidatePath): the
// cached values read by renders of pages at or below path are expired for
// those renders, and the browser's router drops the pages it keeps
// (prefetched) at or below path. Called from a server action whose page
// is at or below path, the action's answer carries the page re-rendered,
// so the browser shows the new data in the same round trip. Outside a
// request it does nothing.
func RevalidatePath(ctx context.Context, path string) {
	request.Revalidate(ctx, cache.RevalidatePath(ctx, path))
}
