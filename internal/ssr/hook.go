package ssr

import (
	"context"
	"errors"

	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
)

// HookOptions configure Engine.Hook.
type HookOptions struct {
	// Flight are the options of the page's Flight rows (Dev when the app
	// runs in development): the component's rows must be the ones the
	// browser decodes.
	Flight flight.Options
	// FormState is set when the request is a useActionState form posted
	// without JavaScript (EncodeFormState); every client component of the
	// page renders with it.
	FormState []byte
	// Location is Request.Location for every client component of the page.
	Location []byte
	// OnError receives each client component that falls back to the
	// browser, with the reason (one of this package's error types, or the
	// context's error), and each error React recovered from inside a
	// component (Result.Errors). Log them with Digest(err). Nil drops
	// them.
	OnError func(c *tree.ClientRef, err error)
}

// Hook returns the fizz.Options.RenderClient of one page render: it
// writes each outermost client component's Flight rows with r (the app's
// resolver, as for the page's rows) and renders them within ctx. After
// Close it returns nil: the page's client components render in the
// browser only.
func (e *Engine) Hook(ctx context.Context, r flight.Resolver, opts HookOptions) func(*tree.ClientRef, fizz.ClientAt) fizz.ClientHTML {
	if e.Closed() {
		return nil // as with server rendering disabled: the browser renders them
	}
	report := func(c *tree.ClientRef, err error) {
		if opts.OnError != nil {
			opts.OnError(c, err)
		}
	}
	return func(c *tree.ClientRef, at fizz.ClientAt) fizz.ClientHTML {
		rows, err := flight.EncodeClient(c, r, opts.Flight)
		if err != nil {
			// The page's own rows fail on the same props; that error is
			// the one to report.
			return fizz.ClientHTML{}
		}
		res, err := e.Render(ctx, Request{Flight: rows, Tree: at.Tree, SVG: at.SVG, FormState: opts.FormState, Location: opts.Location})
		if err != nil {
			report(c, err)
			if e.opts.BrowserDigests {
				return fizz.ClientHTML{Digest: Digest(err)}
			}
			return fizz.ClientHTML{}
		}
		for _, re := range res.Errors {
			report(c, re)
		}
		return fizz.ClientHTML{HTML: res.HTML, Head: res.Head}
	}
}

// Digest returns the digest an error of this package carries, "" for
// other errors.
func Digest(err error) string {
	var (
		te *ThrowError
		be *BrowserGlobalError
		bu *BudgetError
		se *SuspendedError
	)
	switch {
	case errors.As(err, &be):
		return be.Digest
	case errors.As(err, &te):
		return te.Digest
	case errors.As(err, &bu):
		return bu.Digest
	case errors.As(err, &se):
		return se.Digest
	}
	return ""
}
