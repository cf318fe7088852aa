package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/cache"
	"github.com/gorsc/gorsc/internal/control"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/reply"
	"github.com/gorsc/gorsc/internal/request"
	"github.com/gorsc/gorsc/internal/route"
	"github.com/gorsc/gorsc/internal/ssr"
)

// The action path: a POST to a page's URL. Either a server action call
// from the browser runtime (protocol.Action header, encodeReply body,
// Flight answer) or a form posted without JavaScript ($ACTION_ID_ /
// $ACTION_REF_ fields, 303 answer).
//
//	serveAction: guard (origin, size) → decode (the action, its sealed
//	bound values and the browser's arguments) → call → answer: redirect,
//	not found, unauthorized, validation errors, failure, or success — with
//	the page re-rendered when the action revalidated.
//
// Every call runs in its own request goroutine with the request's context:
// calls from one client run concurrently, and a client that goes away
// cancels the context of its action.

// call is a decoded action call.
type call struct {
	def  *action.Def
	args []any
	form *reply.FormData // the form the action was called with, if any
	js   bool            // called by the runtime: answer with Flight

	// A form posted without JavaScript: the action reference it named,
	// how many bound values it carried (-1: an unbound $ACTION_ID_), and
	// its $ACTION_KEY (set by a useActionState hook's form).
	ref   string
	bound int
	key   string
}

func (s *Server) serveAction(w http.ResponseWriter, r *http.Request, rt *route.Route) {
	// Guard.
	if err := s.cop.Check(r); err != nil {
		http.Error(w, "gorsc: cross-origin action call refused", http.StatusForbidden)
		return
	}
	js := r.Header.Get(protocol.Action) != ""
	if !s.acquireBody(r) {
		w.Header().Set("Retry-After", "1")
		http.Error(w, "gorsc: too many action calls in progress; retry", http.StatusServiceUnavailable)
		return
	}
	body, err := reply.ReadBodyLimited(r, s.cfg.MaxActionBytes, s.cfg.MaxFileBytes)
	<-s.bodies
	if err != nil {
		var big *reply.FileTooLargeError
		switch {
		case errors.As(err, &big):
			http.Error(w, big.Error(), http.StatusRequestEntityTooLarge)
		case errors.Is(err, reply.ErrTooLarge):
			http.Error(w, "gorsc: action body too large", http.StatusRequestEntityTooLarge)
		default:
			s.actionFailed(w, r, http.StatusBadRequest, err, false)
		}
		return
	}
	defer body.Cleanup() // uploaded files spilled to disk

	// Decode.
	c, status, err := s.decodeCall(r, body, js)
	if status == http.StatusNotFound {
		w.Header().Set(protocol.ActionNotFound, "1")
		http.Error(w, "gorsc: unknown server action (the page may be older than the server; reload it)", http.StatusNotFound)
		return
	}
	if err != nil {
		s.actionFailed(w, r, status, err, js)
		return
	}

	// Call.
	ctx, state := request.WithAction(cache.WithRequest(request.With(r.Context(), r), s.cfg.Cache, r.URL.Path))
	result, err := c.def.Call(ctx, c.args)
	r = setCookies(w, r, state)             // the cookies it set: on the answer, and seen by its render
	rerender := s.revalidation(w, r, state) // before any answer: it sets headers

	// Answer.
	switch {
	case err == nil:
	case isRedirect(err):
		rd, _ := control.AsRedirect(err)
		s.redirect(w, r, rd, js, http.StatusSeeOther) // with JS, the client router pushes it
		return
	case control.IsNotFound(err):
		nf := route.NotFound(s.cfg.Segments.ForURL(r.URL.Path))
		if js {
			s.actionAnswer(w, r, http.StatusNotFound, flight.Undefined{}, nil, nf.Full)
		} else {
			s.serveNotFoundPage(w, r)
		}
		return
	case control.IsUnauthorized(err):
		un := route.Unauthorized(s.cfg.Segments.ForURL(r.URL.Path))
		if js {
			s.actionAnswer(w, r, http.StatusUnauthorized, flight.Undefined{}, nil, un.Full)
		} else {
			s.renderPage(w, r, un.Full, "", http.StatusUnauthorized)
		}
		return
	case isValidation(err):
		verrs, _ := control.AsValidationErrors(err)
		st := &request.FormState{Action: c.def, Errors: verrs, Values: c.form}
		r = r.WithContext(request.WithFormState(r.Context(), st))
		if js {
			s.actionAnswer(w, r, http.StatusOK, st.ClientValue(), nil, rt.Full)
		} else {
			s.renderPage(w, r, rt.Full, "", http.StatusUnprocessableEntity)
		}
		return
	default:
		status := http.StatusInternalServerError
		if action.IsBadArgs(err) {
			status = http.StatusBadRequest
		}
		s.actionFailed(w, r, status, err, js)
		return
	}
	if !js {
		if rows := s.formState(r.Context(), c, result); rows != nil {
			// A useActionState form: the page again, its hook showing
			// what the action returned (React's formState), rather than a
			// redirect that would lose it.
			r = r.WithContext(context.WithValue(r.Context(), formStateKey{}, rows))
			s.renderPage(w, r, rt.Full, "", http.StatusOK)
			return
		}
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusSeeOther)
		return
	}
	var returnValue any = flight.Undefined{}
	if c.def.Returns() {
		returnValue = result
	}
	var page route.PageFunc
	if rerender {
		page = rt.Full
	}
	s.actionAnswer(w, r, http.StatusOK, returnValue, rt, page)
}

func isRedirect(err error) bool   { _, ok := control.AsRedirect(err); return ok }
func isValidation(err error) bool { _, ok := control.AsValidationErrors(err); return ok }

// bodyWait is how long an action call waits for a body slot.
const bodyWait = 10 * time.Second

// acquireBody takes a slot for reading an action body, waiting up to
// bodyWait; false when none freed up or the client went away.
func (s *Server) acquireBody(r *http.Request) bool {
	select {
	case s.bodies <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(bodyWait)
	defer t.Stop()
	select {
	case s.bodies <- struct{}{}:
		return true
	case <-t.C:
	case <-r.Context().Done():
	}
	return false
}

// decodeCall reads which action the request calls and its arguments:
// sealed bound values first, then the browser's. It answers 404 (status,
// no error) for an unknown action id, and 400 for everything malformed.
func (s *Server) decodeCall(r *http.Request, body *reply.Body, js bool) (c call, status int, err error) {
	c.js = js
	var ref string
	sealed := 0 // leading arguments that came from a verified seal
	if js {
		ref = r.Header.Get(protocol.Action)
	} else {
		fa, err := reply.DecodeForm(body, reply.Limits{})
		if err != nil {
			return c, http.StatusBadRequest, err
		}
		if fa == nil {
			return c, http.StatusBadRequest, errors.New("gorsc: this form post names no server action")
		}
		ref = fa.ID
		c.ref, c.bound = fa.ID, -1
		if fa.Bound != nil {
			c.bound = len(fa.Bound)
		}
		for _, f := range body.Fields {
			if f.Name == "$ACTION_KEY" {
				c.key = f.Value
				break
			}
		}
		// Bound values in a $ACTION_REF_ reply are not sealed: the browser
		// chose them, like any argument.
		c.args = append(append(c.args, fa.Bound...), fa.Form)
		c.form = fa.Form
	}
	id, seal := action.SplitRef(ref)
	if c.def = s.actions.ByID(id); c.def == nil {
		return c, http.StatusNotFound, nil
	}
	if js {
		if c.args, err = reply.DecodeArgs(body, reply.Limits{}); err != nil {
			return c, http.StatusBadRequest, err
		}
		if seal == "" && r.Header.Get(protocol.Sealed) == "1" {
			if len(c.args) > 0 {
				seal, _ = c.args[0].(string)
			}
			if seal == "" {
				return c, http.StatusBadRequest, errors.New("gorsc: action call: " + protocol.Sealed + " is set but the first argument is not a seal")
			}
			c.args = c.args[1:]
		}
		for _, v := range c.args {
			if fd, ok := v.(*reply.FormData); ok {
				c.form = fd
			}
		}
	}
	if seal != "" {
		bound, err := s.actions.Unseal(id, seal)
		if err != nil {
			return c, http.StatusBadRequest, fmt.Errorf("action %s: %w", c.def.Name, err)
		}
		sealed = len(bound)
		c.args = append(bound, c.args...)
	}
	if sealed < c.def.MustBind {
		return c, http.StatusBadRequest, fmt.Errorf("gorsc: action %s takes its first %d argument(s) from Bind only (MustBind); this call carries %d sealed value(s)", c.def.Name, c.def.MustBind, sealed)
	}
	return c, 0, nil
}

// formState returns React's formState, as Flight rows, for the page that
// answers a form posted without JavaScript by a useActionState hook, or
// nil when the post is another kind (or client components are not
// server-rendered, so no hook could show it). As React's decodeFormState:
// the form carries $ACTION_KEY and a bound action (the hook binds the
// previous state); the formState is [what the action returned, the key,
// the action reference, its bound values but the previous state].
func (s *Server) formState(ctx context.Context, c call, result any) []byte {
	b := s.build(ctx)
	if b.ssr == nil || c.key == "" || c.bound < 1 {
		return nil
	}
	var state any = flight.Undefined{}
	if c.def.Returns() {
		state = result
	}
	rows, err := ssr.EncodeFormState(state, c.key, c.ref, c.bound-1, resolver{s, b}, flight.Options{Dev: s.cfg.Dev})
	if err != nil {
		// The JavaScript path fails on the same value; without it, the
		// page shows the form's previous state.
		s.log.Error("gorsc: the result of a useActionState action cannot be sent to the browser", "digest", newDigest(), "action", c.def.Name, "err", err)
		return nil
	}
	return rows
}

// actionAnswer writes the Flight answer of a call with JavaScript:
// {returnValue} alone when page is nil; with the page rendered again
// otherwise — {returnValue, root} for the whole tree, or, when rt is set
// and the browser keeps one of its layouts, {returnValue, slot: {slot,
// metadata, children}} (only what is below that layout is rendered, and
// the client fills that slot).
func (s *Server) actionAnswer(w http.ResponseWriter, r *http.Request, status int, returnValue any, rt *route.Route, page route.PageFunc) {
	out := flight.Object{{Key: "returnValue", Value: returnValue}}
	if page != nil {
		ctx, cancel := s.renderContext(r)
		defer cancel()
		slot := ""
		if rt != nil {
			if id, partial := rt.Partial(r); partial != nil {
				slot, page = id, partial
			}
		}
		res, err := s.render(ctx, r, page)
		defer func() { cancel(); res.Wait() }()
		var fill flight.Object
		if err == nil && slot != "" {
			fill, err = route.PartialRoot(slot, res.Root)
		}
		if err != nil {
			cancel()
			s.actionFailed(w, r, http.StatusInternalServerError, err, true)
			return
		}
		if slot != "" {
			out = append(out, flight.Field{Key: "slot", Value: fill})
			w.Header().Set(protocol.Slot, slot)
		} else {
			out = append(out, flight.Field{Key: "root", Value: s.document(ctx, res.Root)})
		}
	}
	if err := s.newResponse(r.Context(), w, r).flight(status, out); err != nil {
		w.Header().Del(protocol.Slot)
		s.actionFailed(w, r, http.StatusInternalServerError, err, true)
	}
}

// actionFailed logs err under a digest. The browser runtime gets a Flight
// error row with the digest, so the call rejects with an Error whose
// digest matches the log; a form post gets a plain error page.
func (s *Server) actionFailed(w http.ResponseWriter, r *http.Request, status int, err error, flightAnswer bool) {
	digest := newDigest()
	s.log.Error("gorsc: action failed", "digest", digest, "path", r.URL.Path, "status", status, "err", err)
	if !flightAnswer {
		msg := http.StatusText(status) + " (digest " + digest + ")"
		if s.cfg.Dev {
			msg += "\n\n" + err.Error()
		}
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/x-component")
	w.WriteHeader(status)
	w.Write(flight.ErrorRow(0, digest, s.cfg.Dev, err))
}
