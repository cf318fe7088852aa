package gorsc

import "github.com/gorsc/gorsc/internal/control"

// Redirect returns an error that sends the browser to url when a page,
// layout, server component or server action returns it (Next.js's
// redirect()):
//
//	if user == nil {
//		return nil, gorsc.Redirect("/login")
//	}
//
// A document request answers 307 Temporary Redirect; a client navigation
// or a server action called with JavaScript makes the client router go
// there; a form posted without JavaScript answers 303 See Other.
func Redirect(url string) error { return control.NewRedirect(url, false) }

// PermanentRedirect is [Redirect] with 308 Permanent Redirect for document
// requests (Next.js's permanentRedirect()).
func PermanentRedirect(url string) error { return control.NewRedirect(url, true) }

// NotFound returns an error that, returned by a page, layout, server
// component or action, shows the nearest not-found page (Segment.NotFound,
// [App.NotFoundPage]) with status 404 (Next.js's notFound()).
func NotFound() error { return control.NotFound{} }

// Unauthorized returns an error that answers 401 Unauthorized (Next.js's
// unauthorized()). Returned by a page, the page is replaced by the
// unauthorized message inside its layouts, with status 401 (200 when the
// page streams behind a Loading boundary, as with NotFound). Returned by a
// server action, a form posted without JavaScript gets the unauthorized
// page with status 401; a call with JavaScript makes the client router
// show that page in place of the current one (the call then resolves with
// undefined). Return [Redirect] instead to send the user to a login page.
func Unauthorized() error { return control.Unauthorized{} }
