package gorsc

import (
	"context"
	"errors"
	"net/http"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/reply"
)

// serveAction answers a POST to a page: a server action call from the
// browser runtime (ActionHeader set, encodeReply body, Flight answer) or a
// form posted without JavaScript ($ACTION_ID_/$ACTION_REF_ fields, 303
// answer).
func (a *App) serveAction(w http.ResponseWriter, r *http.Request, page PageFunc) {
	if err := a.cop.Check(r); err != nil {
		http.Error(w, "gorsc: cross-origin action call refused", http.StatusForbidden)
		return
	}
	body, err := reply.ReadBody(r, a.MaxActionBytes)
	if err != nil {
		if errors.Is(err, reply.ErrTooLarge) {
			http.Error(w, "gorsc: action body too large", http.StatusRequestEntityTooLarge)
			return
		}
		a.actionFailed(w, r, http.StatusBadRequest, err, false)
		return
	}
	id := r.Header.Get(ActionHeader)
	js := id != ""

	var def *actionDef
	var args []any
	if js {
		if def = a.actionByID(id); def == nil {
			a.unknownAction(w, r)
			return
		}
		if args, err = reply.DecodeArgs(body, reply.Limits{}); err != nil {
			a.actionFailed(w, r, http.StatusBadRequest, err, true)
			return
		}
	} else {
		form, err := reply.DecodeForm(body, reply.Limits{})
		if err != nil {
			a.actionFailed(w, r, http.StatusBadRequest, err, false)
			return
		}
		if form == nil {
			http.Error(w, "gorsc: this form post names no server action", http.StatusBadRequest)
			return
		}
		if def = a.actionByID(form.ID); def == nil {
			a.unknownAction(w, r)
			return
		}
		args = append(form.Bound, form.Form)
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
		if !js {
			a.serveNotFoundDocument(w, r)
			return
		}
		err = errors.New("gorsc: the action returned NotFound")
		a.actionFailed(w, r, http.StatusNotFound, err, true)
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
	out := flight.Object{{Key: "returnValue", Value: returnValue}}
	if state.didRevalidate() {
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
	st := &stream{a: a, r: r, w: w, rc: http.NewResponseController(w), enc: flight.NewEncoder(resolver{a})}
	rows, err := st.enc.Encode(out)
	if err != nil {
		a.actionFailed(w, r, http.StatusInternalServerError, err, true)
		return
	}
	w.Header().Set("Content-Type", "text/x-component")
	st.write(rows)
	st.finish(nil)
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
