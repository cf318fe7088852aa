package gorsc

import (
	"errors"
	"net/http"
)

// RedirectHeader is the response header that tells the browser runtime to
// navigate to another URL (after a redirect from a component or action).
const RedirectHeader = "Gorsc-Redirect"

type redirectError struct {
	url    string
	status int
}

func (e *redirectError) Error() string { return "gorsc: redirect to " + e.url }

// Redirect returns an error that sends the browser to url when a page,
// layout, server component or server action returns it:
//
//	if user == nil {
//		return nil, gorsc.Redirect("/login")
//	}
//
// A document request answers 307 Temporary Redirect; a client navigation
// or a server action called with JavaScript makes the client router go
// there; a form posted without JavaScript answers 303 See Other.
func Redirect(url string) error {
	return &redirectError{url: url, status: http.StatusTemporaryRedirect}
}

// PermanentRedirect is Redirect with 308 Permanent Redirect for document
// requests.
func PermanentRedirect(url string) error {
	return &redirectError{url: url, status: http.StatusPermanentRedirect}
}

type notFoundError struct{}

func (notFoundError) Error() string { return "gorsc: not found" }

// NotFound returns an error that, returned by a page, layout, server
// component or action, shows the app's not-found page with status 404.
func NotFound() error { return notFoundError{} }

func asRedirect(err error) (*redirectError, bool) {
	var r *redirectError
	ok := errors.As(err, &r)
	return r, ok
}

func isNotFound(err error) bool {
	var n notFoundError
	return errors.As(err, &n)
}
