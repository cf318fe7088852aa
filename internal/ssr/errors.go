package ssr

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Every failed render returns one of the error types below. Each carries
// a Digest: the caller writes the component's client-rendered boundary
// with it and logs the error under it, as React does for an error during
// server rendering; the browser then renders the component itself.

// ThrowError is an error thrown while rendering the component (during
// render, outside any Suspense boundary of its own) or while decoding its
// props from Flight.
type ThrowError struct {
	Digest         string
	Phase          string // "render", or "flight" when decoding the props failed
	Name, Message  string // the JavaScript error's
	Stack          string // the JavaScript stack
	ComponentStack string // React's component stack, when React had one
}

func (e *ThrowError) Error() string {
	s := fmt.Sprintf("gorsc: server rendering a client component failed (digest %s): %s: %s", e.Digest, e.Name, e.Message)
	if e.Phase == "flight" {
		s = fmt.Sprintf("gorsc: decoding a client component's props for server rendering failed (digest %s): %s: %s", e.Digest, e.Name, e.Message)
	}
	if cs := strings.TrimSpace(e.ComponentStack); cs != "" {
		s += "\n  component stack:\n    " + strings.ReplaceAll(cs, "\n", "\n    ")
	}
	return s
}

// BrowserGlobalError is a ReferenceError for a global that only browsers
// define (window, document, localStorage, …), read while rendering on the
// server.
type BrowserGlobalError struct {
	ThrowError
	Global string // "window"
}

func (e *BrowserGlobalError) Error() string {
	return fmt.Sprintf("gorsc: a client component read %q while rendering on the server (digest %s), where %s is not defined; "+
		"read it in an effect (useEffect) or an event handler instead, or mark the component ClientOnly so that only the browser renders it\n%s",
		e.Global, e.Digest, e.Global, strings.TrimPrefix(e.ThrowError.Error(), "gorsc: "))
}

func (e *BrowserGlobalError) Unwrap() error { return &e.ThrowError }

// BudgetError is a render that ran JavaScript past its budget (an endless
// loop, or a component tree too big for the budget). The VM it ran in is
// discarded.
type BudgetError struct {
	Digest string
	Budget time.Duration
}

func (e *BudgetError) Error() string {
	return fmt.Sprintf("gorsc: server rendering a client component took more than its budget of %v (digest %s); the JavaScript was interrupted. "+
		"Raise the budget, or look for an endless loop during render", e.Budget, e.Digest)
}

// SuspendedError is a component that suspended outside any Suspense
// boundary of its own (use of a promise, lazy, a Flight row that never
// came) and was still waiting when the budget ran out. A Suspense boundary
// inside the component would have given its fallback instead.
type SuspendedError struct {
	Digest string
	Budget time.Duration
}

func (e *SuspendedError) Error() string {
	return fmt.Sprintf("gorsc: a client component was still suspended after %v of server rendering (digest %s); "+
		"wrap the part that waits in <Suspense fallback={…}> to server-render the rest", e.Budget, e.Digest)
}

// BundleError is a server bundle that does not load, or a client module of
// it that does not evaluate on a server.
type BundleError struct {
	Module string // the client module's id, "" for the whole bundle
	Err    error
}

func (e *BundleError) Error() string {
	if e.Module != "" {
		return fmt.Sprintf("gorsc: client module %s does not evaluate on the server: %v (a module that uses browser APIs at import time cannot be server-rendered; move that code into an effect, or mark its components ClientOnly)", e.Module, e.Err)
	}
	return "gorsc: the server bundle does not load: " + e.Err.Error()
}

func (e *BundleError) Unwrap() error { return e.Err }

func newDigest() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// browserGlobals are globals that browsers define and servers do not.
var browserGlobals = map[string]bool{
	"window": true, "document": true, "navigator": true, "location": true, "history": true,
	"localStorage": true, "sessionStorage": true, "indexedDB": true, "self": true,
	"requestAnimationFrame": true, "cancelAnimationFrame": true, "requestIdleCallback": true,
	"matchMedia": true, "getComputedStyle": true, "alert": true, "confirm": true, "prompt": true,
	"IntersectionObserver": true, "ResizeObserver": true, "MutationObserver": true,
	"HTMLElement": true, "Element": true, "Node": true, "Event": true, "CustomEvent": true,
	"innerWidth": true, "innerHeight": true, "screen": true, "devicePixelRatio": true,
	"fetch": true, "XMLHttpRequest": true, "WebSocket": true, "Worker": true,
}

// notDefined matches QuickJS's message for a ReferenceError.
var notDefined = regexp.MustCompile(`^'?([A-Za-z_$][\w$]*)'? is not defined$`)

// classify turns a recorded JavaScript error into the caller's error type.
func classify(t *ThrowError) error {
	if t.Name == "ReferenceError" {
		if m := notDefined.FindStringSubmatch(t.Message); m != nil && browserGlobals[m[1]] {
			return &BrowserGlobalError{ThrowError: *t, Global: m[1]}
		}
	}
	return t
}
