// Package control holds the errors with which pages, layouts, server
// components and actions steer the response instead of failing it:
// redirects, not-found, unauthorized, and form validation errors. Package
// gorsc makes them (gorsc.Redirect, gorsc.NotFound, …); internal/server
// answers them.
package control

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Redirect sends the browser to URL: Status (307 or 308) for a document
// request, the client router for a Flight request or an action called
// with JavaScript, 303 for a form posted without it.
type Redirect struct {
	URL    string
	Status int
}

func (e *Redirect) Error() string { return "gorsc: redirect to " + e.URL }

// NewRedirect returns a Redirect with status 307 Temporary Redirect, or
// 308 Permanent Redirect when permanent.
func NewRedirect(url string, permanent bool) error {
	if permanent {
		return &Redirect{URL: url, Status: http.StatusPermanentRedirect}
	}
	return &Redirect{URL: url, Status: http.StatusTemporaryRedirect}
}

// AsRedirect reports whether err is (or wraps) a Redirect.
func AsRedirect(err error) (*Redirect, bool) {
	var r *Redirect
	ok := errors.As(err, &r)
	return r, ok
}

// Target returns the redirect's URL in ASCII, fit for a response header
// (bytes outside printable ASCII percent-encoded, as a browser would
// send them), or an error when the URL would run script or leave the web:
// only relative URLs and http(s) URLs are redirect targets.
func (e *Redirect) Target() (string, error) {
	u, err := url.Parse(strings.TrimSpace(e.URL))
	if err != nil {
		return "", fmt.Errorf("gorsc: redirect to %q: %w", e.URL, err)
	}
	if u.Scheme != "" && !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		return "", fmt.Errorf("gorsc: refused to redirect to %q: only relative and http(s) URLs are redirect targets (a %s: URL could run script)", e.URL, u.Scheme)
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(e.URL); i++ {
		c := e.URL[i]
		if c <= ' ' || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

// NotFound shows the nearest not-found page with status 404.
type NotFound struct{}

func (NotFound) Error() string { return "gorsc: not found" }

// IsNotFound reports whether err is (or wraps) NotFound.
func IsNotFound(err error) bool {
	var n NotFound
	return errors.As(err, &n)
}

// Unauthorized shows the unauthorized message with status 401.
type Unauthorized struct{}

func (Unauthorized) Error() string { return "gorsc: unauthorized" }

// IsUnauthorized reports whether err is (or wraps) Unauthorized.
func IsUnauthorized(err error) bool {
	var u Unauthorized
	return errors.As(err, &u)
}

// ValidationErrors are field-level errors of a form: field name → message.
type ValidationErrors map[string]string

// Error lists the fields and messages, sorted by field.
func (v ValidationErrors) Error() string {
	var b strings.Builder
	b.WriteString("gorsc: validation failed")
	for i, k := range slices.Sorted(maps.Keys(v)) {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(k + ": " + v[k])
	}
	return b.String()
}

// AsValidationErrors reports whether err is (or wraps) ValidationErrors.
func AsValidationErrors(err error) (ValidationErrors, bool) {
	var v ValidationErrors
	ok := errors.As(err, &v)
	return v, ok
}
