package gorsc

import (
	"context"
	"fmt"
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

// SetCookie sets a cookie on the answer of the server action running in
// ctx (Next.js's cookies().set in a server action): the answer carries
// its Set-Cookie header whatever it is — the Flight answer of a call from
// the browser, the 303 of a form posted without JavaScript, a redirect —
// and the page the answer renders again already sees it (and no longer
// sees a cookie deleted with MaxAge -1). Setting a cookie re-renders the
// action's page and makes the browser's router drop the pages it keeps,
// as a cookie may change what any page shows. The last cookie of a name
// counts for the re-render; every one is sent.
//
//	gorsc.SetCookie(ctx, &http.Cookie{Name: "session", Value: id, Path: "/",
//		HttpOnly: true, Secure: true, SameSite: http.SameSiteLaxMode, MaxAge: 86400})
//
// It returns an error, and sets nothing, when c is not a valid cookie
// (the error of http.Cookie.Valid: a bad name, a value with a forbidden
// byte, a bad domain), and when ctx is not a server action's: pages and
// layouts stream their answer, so they cannot set cookies (set them in an
// action, a middleware, or a handler of App.Handle).
func SetCookie(ctx context.Context, c *http.Cookie) error {
	if c == nil {
		return fmt.Errorf("gorsc: SetCookie: nil cookie")
	}
	if err := c.Valid(); err != nil {
		return fmt.Errorf("gorsc: SetCookie(%q): %w", c.Name, err)
	}
	if !request.SetCookie(ctx, c) {
		return fmt.Errorf("gorsc: SetCookie(%q): not in a server action; pages stream their answer and cannot set cookies (set it in an action, a middleware or an App.Handle handler)", c.Name)
	}
	return nil
}
