package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/assets"
	"github.com/gorsc/gorsc/internal/bufpool"
	"github.com/gorsc/gorsc/internal/control"
	"github.com/gorsc/gorsc/internal/domrows"
	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/protocol"
	"github.com/gorsc/gorsc/internal/ssr"
	"github.com/gorsc/gorsc/internal/tree"
)

// response writes one answer — a document (HTML with inline Flight) or a
// Flight payload — as its Suspense boundaries complete: the shell first,
// then for each boundary, in completion order, its Flight rows and (for
// documents) its HTML segment, in one flush. Both paths answer through
// it.
type response struct {
	ctx  context.Context // the render's: server rendering of client components stops with it
	s    *Server
	b    *clientBuild // the render's (build.go)
	w    http.ResponseWriter
	r    *http.Request
	rc   *http.ResponseController
	enc  *flight.Encoder
	res  *pageResolver // the encoder's, recording the client modules used
	html *fizz.Stream  // nil for Flight answers

	digests map[*tree.Boundary]string
	broken  bool // the client went away: stop writing, keep draining
}

// newResponse starts the answer to r; ctx is the render's.
func (s *Server) newResponse(ctx context.Context, w http.ResponseWriter, r *http.Request) *response {
	b := s.build(ctx)
	res := &pageResolver{resolver: resolver{s, b}}
	return &response{ctx: ctx, s: s, b: b, w: w, r: r, rc: http.NewResponseController(w), res: res,
		enc: flight.NewEncoderWith(res, flight.Options{Dev: s.cfg.Dev})}
}

// flight answers with root as a Flight payload (text/x-component) and
// status, streaming its Suspense boundaries. It returns an error, with
// nothing written, when root cannot be encoded.
func (o *response) flight(status int, root any) error {
	defer o.releaseEncoder()
	rows, err := o.enc.AppendEncode(bufpool.Get(0), root)
	if err != nil {
		return err
	}
	o.w.Header().Set("Content-Type", "text/x-component")
	if o.complete() {
		o.w.Header().Set("Content-Length", strconv.Itoa(len(rows))) // no chunked framing
	}
	o.w.WriteHeader(status)
	o.write(rows)
	bufpool.Put(rows)
	o.finish(nil)
	return nil
}

// releaseEncoder gives the encoder's memory back for later responses
// (flight.Encoder.Release), once the answer is written.
func (o *response) releaseEncoder() {
	o.enc.Release()
	o.enc = nil
}

// document answers with root as an HTML document and status: the shell
// with the Flight rows of the same tree inline, then each boundary. It
// returns an error, with nothing written, when root cannot be written.
//
// The rows and the HTML are written into buffers kept between requests
// (internal/bufpool), given back once written.
func (o *response) document(status int, root tree.Node) error {
	defer o.releaseEncoder()
	rows, err := o.enc.AppendEncode(bufpool.Get(0), root)
	if err != nil {
		return err
	}
	// The largest server-only subtrees are in the HTML already: their rows
	// are rebuilt from it in the browser (internal/domrows), not sent twice.
	var rebuilt []domrows.Template
	var texts []byte // the templates' texts
	if !o.s.cfg.Dev && !o.s.cfg.InlineAllRows {
		var split []byte
		split, texts, rebuilt = domrows.SplitInto(bufpool.Get(len(rows)), bufpool.Get(0), rows, o.enc.NewRowID)
		bufpool.Put(rows)
		rows = split
	}
	o.html = fizz.NewStream(o.res.resolver, o.htmlOptions(), o.b.assets.Fizz, o.digest)
	shell, err := o.html.AppendShell(bufpool.Get(2*len(rows)), root)
	if err != nil {
		return err
	}
	o.w.Header().Set("Content-Type", "text/html; charset=utf-8")
	shell = fizz.AppendFlightScript(shell, rows)
	for _, t := range rebuilt {
		shell = fizz.AppendDOMRowScript(shell, t.Text, t.Hash)
	}
	bufpool.Put(rows)
	bufpool.Put(texts) // nil when nothing was split: Put keeps nothing
	end := o.html.End()
	if o.complete() {
		// Nothing streams after the shell: one write with its length (no
		// chunked framing, no separate end and trailer).
		shell, end = append(shell, end...), nil
		o.w.Header().Set("Content-Length", strconv.Itoa(len(shell)))
	}
	o.w.WriteHeader(status)
	o.write(shell)
	bufpool.Put(shell)
	o.finish(end)
	return nil
}

// complete reports whether the answer written so far is the whole of it:
// no boundary or promise is still to be written.
func (o *response) complete() bool {
	return !o.enc.Pending() && (o.html == nil || !o.html.Pending())
}

// htmlOptions are the HTML writer's options of a document: client
// components server-rendered by the app's engine (with React's formState
// after a useActionState form was posted without JavaScript, which the
// browser then hydrates with: bootstrap.tsx reads it from the script
// written before the runtime's).
func (o *response) htmlOptions() *fizz.Options {
	opts := &fizz.Options{HeadEnd: o.b.headEnd(o.res.used)}
	if o.b.ssr == nil {
		return opts
	}
	formState, _ := o.r.Context().Value(formStateKey{}).([]byte)
	opts.RenderClient = o.b.ssr.Hook(o.ctx, o.res.resolver, ssr.HookOptions{
		Flight:    flight.Options{Dev: o.s.cfg.Dev},
		FormState: formState,
		Location:  o.s.location(o.r),
		OnError:   o.clientFailed,
	})
	if formState != nil {
		opts.HeadEnd = string(fizz.AppendFormStateScript(nil, formState)) + opts.HeadEnd
	}
	return opts
}

// clientFailed logs a client component that the engine could not render
// (the browser renders it) or an error React recovered from inside one,
// under the error's digest, as React logs errors during server rendering.
func (o *response) clientFailed(c *tree.ClientRef, err error) {
	d := ssr.Digest(err)
	if d == "" {
		d = newDigest()
	}
	if clientGone(o.r, err) {
		o.s.log.Debug("gorsc: server rendering a client component stopped: the client went away", "digest", d, "component", tree.Describe(c), "path", o.r.URL.Path)
		return
	}
	o.s.log.Error("gorsc: server rendering a client component failed; the browser renders it", "digest", d, "component", tree.Describe(c), "path", o.r.URL.Path, "err", err)
}

// formStateKey carries, in a request's context, React's formState rows
// for the document answering a useActionState form posted without
// JavaScript (action.go).
type formStateKey struct{}

func (o *response) write(b []byte) {
	if o.broken || len(b) == 0 {
		return
	}
	if _, err := o.w.Write(b); err != nil {
		o.broken = true
	}
}

// flush sends what was written to the client. finish calls it before it
// waits for a boundary, so that each part reaches the browser when
// written, while an answer with nothing pending is never flushed: it ends
// with the handler, small enough to go out with a Content-Length and
// uncompressed when tiny.
func (o *response) flush() {
	if o.broken {
		return
	}
	if err := o.rc.Flush(); err != nil && err != http.ErrNotSupported {
		o.broken = true
	}
}

// digest names a failed boundary's error; the error is logged with it
// once, and only the digest goes to the browser.
func (o *response) digest(b *tree.Boundary) string {
	if d, ok := o.digests[b]; ok {
		return d
	}
	if o.digests == nil {
		o.digests = map[*tree.Boundary]string{}
	}
	d := newDigest()
	o.digests[b] = d
	if clientGone(o.r, b.Err) {
		// Cancellation by the client is not an error.
		o.s.log.Debug("gorsc: Suspense boundary cancelled: the client went away", "digest", d, "path", o.r.URL.Path)
		return d
	}
	o.s.log.Error("gorsc: Suspense boundary failed", "digest", d, "path", o.r.URL.Path, "err", b.Err)
	return d
}

// promiseRows are the rows of a settled promise (an error row with a
// logged digest when it was rejected or its value cannot be sent), as a
// script for documents.
func (o *response) promiseRows(p flight.PendingPromise) []byte {
	digest := ""
	if _, err := p.Promise.Result(); err != nil {
		digest = o.logged("promise rejected", p.Where(), err)
	}
	rows, err := o.enc.EncodePromise(p, digest, o.s.cfg.Dev)
	if err != nil {
		if digest == "" {
			digest = o.logged("promise value cannot be sent", p.Where(), err)
		}
		rows = flight.ErrorRow(p.ID, digest, o.s.cfg.Dev, err)
	}
	if o.html != nil {
		return fizz.AppendFlightScript(nil, rows)
	}
	return rows
}

// logged logs err under a new digest (at debug level when the client went
// away) and returns the digest.
func (o *response) logged(what, where string, err error) string {
	d := newDigest()
	if clientGone(o.r, err) {
		o.s.log.Debug("gorsc: "+what+" (the client went away)", "digest", d, "path", o.r.URL.Path, "where", where)
		return d
	}
	o.s.log.Error("gorsc: "+what, "digest", d, "path", o.r.URL.Path, "where", where, "err", err)
	return d
}

func (o *response) digestIfFailed(b *tree.Boundary) string {
	if b.Err == nil {
		return ""
	}
	return o.digest(b)
}

// parts are the pieces of the answer that wait for one boundary.
type parts struct {
	lazy    *flight.Lazy
	pending *fizz.Pending
}

// finish writes every boundary and every promise as it completes, then
// end. A promise's row must be written before the answer ends, or React's
// client rejects it ("Connection closed").
func (o *response) finish(end []byte) {
	if o.complete() {
		o.write(end)
		return
	}
	waiting := map[*tree.Boundary]*parts{}
	ready := make(chan *tree.Boundary)
	promises := map[int]flight.PendingPromise{}
	settled := make(chan int)
	add := func() {
		for _, p := range o.enc.TakePromises() {
			promises[p.ID] = p
			go func() { <-p.Promise.Done(); settled <- p.ID }()
		}
		get := func(b *tree.Boundary) *parts {
			p, ok := waiting[b]
			if !ok {
				p = &parts{}
				waiting[b] = p
				go func() { <-b.Done; ready <- b }()
			}
			return p
		}
		for _, l := range o.enc.TakeLazies() {
			get(l.Boundary).lazy = &l
		}
		if o.html != nil {
			for _, p := range o.html.TakePending() {
				get(p.Boundary).pending = &p
			}
		}
	}
	add()
	promiseDone := func(id int) {
		o.write(o.promiseRows(promises[id]))
		delete(promises, id)
		add()
	}
	for len(waiting) > 0 || len(promises) > 0 {
		var b *tree.Boundary
		select {
		case id := <-settled: // done already: write it with what came before
			promiseDone(id)
			continue
		case b = <-ready:
		default:
			o.flush()
			select {
			case id := <-settled:
				promiseDone(id)
				continue
			case b = <-ready:
			}
		}
		p := waiting[b]
		delete(waiting, b)
		var out []byte
		if p.lazy != nil {
			rows, err := o.enc.EncodeLazy(*p.lazy, o.digestIfFailed(b), o.s.cfg.Dev)
			if err != nil {
				// The content cannot be written (a bad prop, say): the
				// boundary fails like a component error would.
				b.Err = err
				rows = flight.ErrorRow(p.lazy.ID, o.digest(b), o.s.cfg.Dev, err)
			}
			if o.html != nil {
				out = fizz.AppendFlightScript(out, rows)
			} else {
				out = rows
			}
		}
		if p.pending != nil {
			seg, err := o.html.Segment(*p.pending)
			if err != nil {
				b.Err = err
				seg, _ = o.html.Segment(*p.pending)
			}
			out = append(out, seg...)
		}
		o.write(out)
		add()
	}
	o.write(end)
}

// redirect answers rd: for a Flight request or an action called with
// JavaScript (flight), the runtime's redirect header with 204, which the
// client router follows; otherwise an HTTP redirect with status. A
// target that is not a relative or http(s) URL fails the request.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, rd *control.Redirect, flight bool, status int) {
	target, err := rd.Target()
	if err != nil {
		s.fail(w, r, "redirect", err)
		return
	}
	if flight {
		w.Header().Set(protocol.Redirect, target)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, target, status)
}

// clientGone reports whether err is only the request's context ending
// because the client went away: not a failure worth an error log.
func clientGone(r *http.Request, err error) bool {
	return r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) && errors.Is(r.Context().Err(), context.Canceled))
}

// fail logs err under a digest and answers 500 with the digest only (and
// the error, in Dev mode). what names the failed step ("render").
func (s *Server) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	if clientGone(r, err) {
		s.log.Debug("gorsc: client went away during "+what, "path", r.URL.Path)
		return
	}
	digest := newDigest()
	s.log.Error("gorsc: "+what+" failed", "digest", digest, "method", r.Method, "path", r.URL.Path, "err", err)
	msg := "Internal Server Error (digest " + digest + ")"
	if s.cfg.Dev {
		msg += "\n\n" + err.Error()
	}
	http.Error(w, msg, http.StatusInternalServerError)
}

// resolver connects the writers to a build of the app's bundle and to
// the app's action ids.
type resolver struct {
	s *Server
	b *clientBuild
}

func (r resolver) ClientModule(module, export string) (flight.ClientMeta, error) {
	mods := r.b.assets.Modules
	m, ok := mods[module]
	if !ok {
		known := make([]string, 0, len(mods))
		for k := range mods {
			known = append(known, k)
		}
		slices.Sort(known)
		if r.s.cfg.Assets != nil {
			return flight.ClientMeta{}, fmt.Errorf("gorsc: client component %s#%s: no \"use client\" module %s in the prebuilt assets (App.Assets; their client modules: %s); run \"gorsc build\" again after adding or renaming a client module", module, export, module, strings.Join(known, ", "))
		}
		return flight.ClientMeta{}, fmt.Errorf("gorsc: client component %s#%s: no \"use client\" module %s in the app directory (client modules: %s)", module, export, module, strings.Join(known, ", "))
	}
	if !slices.Contains(m.Exports, export) {
		return flight.ClientMeta{}, fmt.Errorf("gorsc: client component %s#%s: the module has no export %q (exports: %s)", module, export, export, strings.Join(m.Exports, ", "))
	}
	return flight.ClientMeta{ID: m.URL, Chunks: r.chunks(m), Name: export}, nil
}

// chunks is the chunk list of m's import rows: the chunks m imports
// statically that the runtime has not loaded already (assets.Preload),
// then m itself, each as the pair (id, file name) that React's webpack
// client expects, both the URL. React's client loads every chunk of a row
// (__webpack_chunk_load__, a dynamic import in shim.ts) when it reads the
// row, so on a client navigation the browser fetches m's chunks beside m,
// not after m has arrived and named them.
func (r resolver) chunks(m assets.Module) []string {
	out := make([]string, 0, 2*len(m.Imports)+2)
	for _, url := range m.Imports {
		if !slices.Contains(r.b.assets.Preload, url) {
			out = append(out, url, url)
		}
	}
	return append(out, m.URL, m.URL)
}

// ActionID is the public reference id of a server action in the tree:
// its id, and its sealed bound arguments (action.Table).
func (r resolver) ActionID(ref tree.ActionRef) (string, error) {
	var ar *action.Ref
	if r.s.cfg.ActionRef != nil {
		ar, _ = r.s.cfg.ActionRef(ref)
	}
	if ar == nil {
		d := action.Lookup(ref.ActionName())
		if d == nil {
			return "", fmt.Errorf("gorsc: action %s is not registered; create it with gorsc.Action", ref.ActionName())
		}
		ar = &action.Ref{Def: d}
	}
	return r.s.actions.RefID(ar)
}

func (r resolver) EncodeBound(args []any) (string, error) {
	b, err := flight.EncodePlain(args)
	return string(b), err
}
