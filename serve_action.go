package gorsc

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/reply"
	"github.com/gorsc/gorsc/internal/tree"
)

// serveAction answers a POST to a page: a server action call from the
// browser runtime (ActionHeader set, encodeReply body, Flight answer) or a
// form posted without JavaScript ($ACTION_ID_/$ACTION_REF_ fields, 303
// answer).
//
// Every call runs in its own request goroutine with the request's context:
// calls from one client run concurrently, and a client that goes away
// cancels the context of its action.
func (a *App) serveAction(w http.ResponseWriter, r *http.Request, rt *route) {
	page := rt.full
	if err := a.cop.Check(r); err != nil {
		http.Error(w, "gorsc: cross-origin action call refused", http.StatusForbidden)
		return
	}
	body, err := reply.ReadBodyLimited(r, a.MaxActionBytes, a.MaxFileBytes)
	if err != nil {
		var big *reply.FileTooLargeError
		if errors.As(err, &big) {
			http.Error(w, big.Error(), http.StatusRequestEntityTooLarge)
			return
		}
		if errors.Is(err, reply.ErrTooLarge) {
			http.Error(w, "gorsc: action body too large", http.StatusRequestEntityTooLarge)
			return
		}
		a.actionFailed(w, r, http.StatusBadRequest, err, false)
		return
	}
	defer body.Cleanup() // uploaded files spilled to disk
	ref := r.Header.Get(ActionHeader)
	js := ref != ""

	var def *actionDef
	var args []any
	var form *FormData // the form the action was called with, if any
	sealed := 0        // leading arguments that came from a verified seal
	if js {
		id, seal := splitRef(ref)
		if def = a.actionByID(id); def == nil {
			a.unknownAction(w, r)
			return
		}
		if args, err = reply.DecodeArgs(body, reply.Limits{}); err != nil {
			a.actionFailed(w, r, http.StatusBadRequest, err, true)
			return
		}
		if seal == "" && r.Header.Get(SealedHeader) == "1" {
			s, ok := any(nil), false
			if len(args) > 0 {
				s = args[0]
			}
			if seal, ok = s.(string); !ok || seal == "" {
				a.actionFailed(w, r, http.StatusBadRequest, errors.New("gorsc: action call: "+SealedHeader+" is set but the first argument is not a seal"), true)
				return
			}
			args = args[1:]
		}
		if seal != "" {
			bound, err := a.unseal(id, seal)
			if err != nil {
				a.actionFailed(w, r, http.StatusBadRequest, fmt.Errorf("action %s: %w", def.name, err), true)
				return
			}
			sealed = len(bound)
			args = append(bound, args...)
		}
		for _, v := range args {
			if fd, ok := v.(*FormData); ok {
				form = fd
			}
		}
	} else {
		fa, err := reply.DecodeForm(body, reply.Limits{})
		if err != nil {
			a.actionFailed(w, r, http.StatusBadRequest, err, false)
			return
		}
		if fa == nil {
			http.Error(w, "gorsc: this form post names no server action", http.StatusBadRequest)
			return
		}
		id, seal := splitRef(fa.ID)
		if def = a.actionByID(id); def == nil {
			a.unknownAction(w, r)
			return
		}
		if seal != "" {
			bound, err := a.unseal(id, seal)
			if err != nil {
				a.actionFailed(w, r, http.StatusBadRequest, fmt.Errorf("action %s: %w", def.name, err), false)
				return
			}
			sealed = len(bound)
			args = bound
		}
		// Bound values in a $ACTION_REF_ reply are not sealed: the browser
		// chose them, like any argument.
		args = append(append(args, fa.Bound...), fa.Form)
		form = fa.Form
	}
	if sealed < def.mustBind {
		err := fmt.Errorf("gorsc: action %s takes its first %d argument(s) from Bind only (MustBind); this call carries %d sealed value(s)", def.name, def.mustBind, sealed)
		a.actionFailed(w, r, http.StatusBadRequest, err, js)
		return
	}

	state := &actionState{}
	ctx := context.WithValue(withRequest(r.Context(), r), actionKey{}, state)
	result, err := def.call(ctx, args)
	if rd, ok := asRedirect(err); ok {
		if js {
			// The client router follows it (history push).
			w.Header().Set(RedirectHeader, rd.url)
			w.WriteHeader(http.StatusNoContent)
		} else {
			http.Redirect(w, r, rd.url, http.StatusSeeOther)
		}
		return
	}
	if isNotFound(err) {
		if js {
			a.actionAnswer(w, r, http.StatusNotFound, flight.Undefined{}, a.notFoundPage(r))
		} else {
			a.serveNotFoundDocument(w, r)
		}
		return
	}
	if isUnauthorized(err) {
		if js {
			a.actionAnswer(w, r, http.StatusUnauthorized, flight.Undefined{}, a.unauthorizedPage(r))
		} else {
			a.render(w, r, a.unauthorizedPage(r), http.StatusUnauthorized)
		}
		return
	}
	if verrs, ok := asValidationErrors(err); ok {
		st := &FormState{Action: &ServerAction{def: def}, Errors: verrs, Values: form}
		r = r.WithContext(context.WithValue(r.Context(), formStateKey{}, st))
		if js {
			a.actionAnswer(w, r, http.StatusOK, st.clientValue(), page)
		} else {
			a.render(w, r, page, http.StatusUnprocessableEntity)
		}
		return
	}
	if err != nil {
		status := http.StatusInternalServerError
		if isBadArgs(err) {
			status = http.StatusBadRequest
		}
		a.actionFailed(w, r, status, err, js)
		return
	}
	if !js {
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusSeeOther)
		return
	}

	var returnValue any = flight.Undefined{}
	if def.results == 2 {
		returnValue = result
	}
	if !state.didRevalidate() {
		a.actionAnswer(w, r, http.StatusOK, returnValue, nil)
		return
	}
	if slot, partial := rt.partialFor(r); partial != nil {
		// Only what is below the deepest layout the browser has mounted.
		a.actionAnswerPartial(w, r, returnValue, slot, partial)
		return
	}
	a.actionAnswer(w, r, http.StatusOK, returnValue, page)
}

// actionAnswerPartial is actionAnswer for a revalidated page rendered below
// a layout the browser keeps: {returnValue, slot: {slot, metadata, children}}.
func (a *App) actionAnswerPartial(w http.ResponseWriter, r *http.Request, returnValue any, slot string, partial PageFunc) {
	rctx, cancel := a.renderContext(r)
	defer cancel()
	res, err := a.buildTree(rctx, r, partial)
	defer res.Wait()
	var fill flight.Object
	if err == nil {
		fill, err = partialRoot(slot, res.Root)
	}
	if err != nil {
		cancel()
		a.actionFailed(w, r, http.StatusInternalServerError, err, true)
		return
	}
	st := &stream{a: a, r: r, w: w, rc: http.NewResponseController(w), enc: a.newEncoder()}
	rows, err := st.enc.Encode(flight.Object{{Key: "returnValue", Value: returnValue}, {Key: "slot", Value: fill}})
	if err != nil {
		a.actionFailed(w, r, http.StatusInternalServerError, err, true)
		return
	}
	w.Header().Set("Content-Type", "text/x-component")
	w.Header().Set(SlotHeader, slot)
	st.write(rows)
	st.finish(nil)
}

// actionAnswer writes the Flight answer of a call with JavaScript:
// {returnValue, root}, where root, when page is not nil, is page rendered
// again inside the layout; the client router shows it.
func (a *App) actionAnswer(w http.ResponseWriter, r *http.Request, status int, returnValue any, page PageFunc) {
	out := flight.Object{{Key: "returnValue", Value: returnValue}}
	if page != nil {
		rctx, cancel := a.renderContext(r)
		defer cancel()
		res, err := a.buildTree(rctx, r, page)
		defer res.Wait()
		if err != nil {
			cancel()
			a.actionFailed(w, r, http.StatusInternalServerError, err, true)
			return
		}
		out = append(out, flight.Field{Key: "root", Value: res.Root})
	}
	st := &stream{a: a, r: r, w: w, rc: http.NewResponseController(w), enc: a.newEncoder()}
	rows, err := st.enc.Encode(out)
	if err != nil {
		a.actionFailed(w, r, http.StatusInternalServerError, err, true)
		return
	}
	w.Header().Set("Content-Type", "text/x-component")
	w.WriteHeader(status)
	st.write(rows)
	st.finish(nil)
}

// notFoundPage is the not-found UI of the nearest segment of r's path,
// inside that segment's layouts, as serveNotFoundDocument renders it.
func (a *App) notFoundPage(r *http.Request) PageFunc {
	a.mu.Lock()
	segs := a.segmentsForURL(r.URL.Path)
	a.mu.Unlock()
	var nf PageFunc = defaultNotFound
	for _, s := range segs {
		if s.NotFound != nil {
			nf = s.NotFound
		}
	}
	return compose("not-found", segs, nf)
}

// unauthorizedPage is the answer to an action that returned Unauthorized,
// inside the layouts of r's path.
func (a *App) unauthorizedPage(r *http.Request) PageFunc {
	a.mu.Lock()
	segs := a.segmentsForURL(r.URL.Path)
	a.mu.Unlock()
	return compose("unauthorized", segs, func(ctx context.Context, r *http.Request) (Node, error) {
		return unauthorizedContent(), nil
	})
}

// unauthorizedContent is what a page or action that returned Unauthorized
// shows in place of the page.
func unauthorizedContent() Node {
	return tree.El("h1", tree.Text("401: You are not allowed to do this."))
}

func (a *App) unknownAction(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Gorsc-Action-Not-Found", "1")
	http.Error(w, "gorsc: unknown server action (the page may be older than the server; reload it)", http.StatusNotFound)
}

// actionFailed logs err under a digest. The browser runtime gets a Flight
// error row with the digest, so the call rejects with an Error whose
// digest matches the log; a form post gets a plain error page.
func (a *App) actionFailed(w http.ResponseWriter, r *http.Request, status int, err error, flightAnswer bool) {
	digest := newDigest()
	a.logger().Error("gorsc: action failed", "digest", digest, "path", r.URL.Path, "status", status, "err", err)
	if !flightAnswer {
		msg := http.StatusText(status) + " (digest " + digest + ")"
		if a.Dev {
			msg += "\n\n" + err.Error()
		}
		http.Error(w, msg, status)
		return
	}
	w.Header().Set("Content-Type", "text/x-component")
	w.WriteHeader(status)
	w.Write(flight.ErrorRow(0, digest, a.Dev, err))
}
