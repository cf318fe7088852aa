package ssr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"modernc.org/quickjs"
	"modernc.org/quickjs/intl"
)

// vm is one JavaScript engine with the host glue, the server bundle and
// the render driver loaded. It renders one component at a time.
type vm struct {
	e  *Engine
	js *quickjs.VM
	// The driver's functions (render.js, host.js).
	render, status, abort, timer, clearTimers quickjs.Value

	// The render in progress.
	out       []byte
	errs      []*ThrowError
	component string // for log lines

	broken  bool // interrupted or panicked: close it, never reuse it
	retire  bool // served maxRenders: close it
	renders int
}

// gcThreshold is the heap growth, in bytes, after which QuickJS runs its
// cycle collector (reference counting frees the rest at once).
var gcThreshold uintptr = 33554432

// maxRenders is how many renders a VM serves before it is replaced.
const maxRenders = 10000

// loadTimeout bounds the evaluation of the bundle in a new VM.
const loadTimeout = 10 * time.Second

func (e *Engine) newVM() (v *vm, err error) {
	js, err := quickjs.NewVM()
	if err != nil {
		return nil, err
	}
	v = &vm{e: e, js: js}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("gorsc: starting a JavaScript VM panicked: %v", p)
		}
		if err != nil {
			v.close()
			v = nil
		}
	}()
	if e.opts.MemoryLimit > 0 {
		js.SetMemoryLimit(uintptr(e.opts.MemoryLimit))
	}
	for _, f := range []struct {
		name string
		fn   any
	}{
		{"__gorsc_encode", v.encode},
		{"__gorsc_decode", v.decode},
		{"__gorsc_valid", v.valid},
		{"__gorsc_write", v.write},
		{"__gorsc_log", v.log},
		{"__gorsc_error", v.recordError},
	} {
		if err := js.RegisterFunc(f.name, f.fn, false); err != nil {
			return nil, err
		}
	}
	js.SetEvalTimeout(loadTimeout)
	if e.opts.TimeZone != "-" {
		// Intl.DateTimeFormat, Intl.NumberFormat and toLocaleString, en-US
		// only (QuickJS has no Intl): components that format numbers and
		// dates render on the server instead of failing.
		if err := intl.Register(js, intl.TimeZone(e.opts.TimeZone)); err != nil {
			return nil, fmt.Errorf("gorsc: starting Intl in a JavaScript VM: %w", err)
		}
	}
	for i, code := range e.code {
		if _, err := js.EvalBytecode(code); err != nil {
			if i > 0 && i < len(e.code)-1 {
				return nil, &BundleError{Err: err}
			}
			return nil, fmt.Errorf("gorsc: internal error: loading the engine's %s: %w", map[bool]string{true: "host.js", false: "render.js"}[i == 0], err)
		}
	}
	for _, f := range []struct {
		dst  *quickjs.Value
		name string
	}{
		{&v.render, "__gorsc_render"},
		{&v.status, "__gorsc_status"},
		{&v.abort, "__gorsc_abort"},
		{&v.timer, "__gorsc_timer"},
		{&v.clearTimers, "__gorsc_clearTimers"},
	} {
		if *f.dst, err = js.EvalValue(f.name, quickjs.EvalGlobal); err != nil {
			return nil, err
		}
	}
	warm, err := js.Call("__gorsc_warm")
	if err != nil {
		return nil, &BundleError{Err: err}
	}
	var failed []struct{ ID, Name, Message, Stack string }
	if s, ok := warm.(string); ok {
		json.Unmarshal([]byte(s), &failed)
	}
	if len(failed) > 0 && e.warned.CompareAndSwap(false, true) {
		for _, f := range failed {
			e.log.Error("gorsc: a client module does not evaluate on the server; its components will render in the browser only",
				"err", (&BundleError{Module: f.ID, Err: fmt.Errorf("%s: %s\n%s", f.Name, f.Message, f.Stack)}).Error())
		}
	}
	if _, err := js.ExecutePendingJobs(); err != nil {
		return nil, &BundleError{Err: err}
	}
	return v, nil
}

func (v *vm) close() {
	if v.js == nil {
		return
	}
	for _, f := range []*quickjs.Value{&v.render, &v.status, &v.abort, &v.timer, &v.clearTimers} {
		if f.VM() != nil {
			f.Free() // does nothing for a VM a Go panic abandoned
		}
	}
	v.js.Close()
	v.js = nil
}

// Host functions (see host.js).

func (v *vm) encode(s string) quickjs.Value { return newArrayBuffer(v.js, s) }

func (v *vm) decode(ab quickjs.Value, off, n int) string {
	b, ok := bytesOf(v.js, ab, off, n)
	if !ok {
		return ""
	}
	return decodeUTF8(b)
}

func (v *vm) valid(ab quickjs.Value, off, n int) bool {
	b, ok := bytesOf(v.js, ab, off, n)
	return ok && utf8.Valid(b)
}

func (v *vm) write(ab quickjs.Value, off, n int) {
	if b, ok := bytesOf(v.js, ab, off, n); ok {
		v.out = append(v.out, b...)
	}
}

func (v *vm) log(level int, msg string) {
	args := []any{"msg", msg}
	if v.component != "" {
		args = append(args, "component", v.component)
	}
	v.e.log.Log(context.Background(), slog.Level(level), "gorsc: console output of a server-rendered client component", args...)
}

func (v *vm) recordError(kind, name, message, stack, componentStack string) string {
	t := &ThrowError{Digest: newDigest(), Phase: "render", Name: name, Message: message, Stack: stack, ComponentStack: componentStack}
	if kind == "flight" {
		t.Phase = "flight"
	}
	v.errs = append(v.errs, t)
	return t.Digest
}

// interrupted reports whether err is the engine stopping JavaScript for
// Interrupt or the eval timeout.
func interrupted(err error) bool {
	var qe *quickjs.Error
	return errors.As(err, &qe) && qe.Name == "InternalError" && qe.Message == "interrupted"
}

// abortGrace is how long the render may take to write its fallbacks once
// it is aborted at the end of its budget.
func abortGrace(budget time.Duration) time.Duration { return min(budget, 100*time.Millisecond) }

// run renders req within budget. A render that the engine interrupted, or
// whose context ended, leaves the VM broken.
func (v *vm) run(ctx context.Context, req Request, budget time.Duration) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			v.broken = true
			err = &ThrowError{Digest: newDigest(), Phase: "render", Name: "GoPanic", Message: fmt.Sprint(p)}
		}
	}()
	v.renders++
	v.out, v.errs = v.out[:0], v.errs[:0]
	deadline := time.Now().Add(budget)
	stop := context.AfterFunc(ctx, v.js.Interrupt)
	defer stop()
	arm := func() { v.js.SetEvalTimeout(max(time.Until(deadline), time.Millisecond)) }
	// fail turns an error of a call into JavaScript into the render's.
	fail := func(err error) error {
		if interrupted(err) {
			v.broken = true
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return &BudgetError{Digest: newDigest(), Budget: budget}
		}
		v.broken = true // the driver itself failed: do not trust this VM
		return fmt.Errorf("gorsc: internal error in the server-rendering engine: %w", err)
	}

	forks := make([]int, 0, 2*len(req.Tree.Forks))
	for _, f := range req.Tree.Forks {
		forks = append(forks, f.N, f.I)
	}
	wrapper := "gorsc-ssr-root"
	if req.SVG {
		wrapper = "svg"
	}
	ab := newArrayBuffer(v.js, string(req.Flight))
	var formState any // null
	if req.FormState != nil {
		fs := newArrayBuffer(v.js, string(req.FormState))
		defer fs.Free()
		formState = fs
	}
	location := string(req.Location)
	if location == "" {
		location = "null"
	}
	arm()
	_, err = v.render.Call(quickjs.UndefinedValue, ab, forks, wrapper, formState, location)
	ab.Free()
	if err != nil {
		return res, fail(err)
	}
	aborted := false
	var status string
	for {
		arm()
		if _, err := v.js.ExecutePendingJobs(); err != nil {
			if interrupted(err) {
				return res, fail(err)
			}
			v.e.log.Warn("gorsc: uncaught JavaScript error during server rendering", "err", err, "component", v.component)
		}
		s, err := v.status.Call(quickjs.UndefinedValue)
		if err != nil {
			return res, fail(err)
		}
		if status, _ = s.(string); status != "" {
			break
		}
		t, err := v.timer.Call(quickjs.UndefinedValue)
		if err != nil {
			return res, fail(err)
		}
		wait := -1
		if n, ok := t.(int); ok {
			wait = n
		} else if f, ok := t.(float64); ok {
			wait = int(f)
		}
		if wait == 0 {
			continue // a timer ran
		}
		if wait > 0 && time.Now().Add(time.Duration(wait)*time.Millisecond).Before(deadline) {
			select {
			case <-time.After(time.Duration(wait) * time.Millisecond):
				continue
			case <-ctx.Done():
				v.broken = true
				return res, ctx.Err()
			}
		}
		// Nothing can happen before the deadline: what is still suspended
		// gets its fallback now rather than at the deadline.
		if aborted {
			status = "stuck"
			break
		}
		aborted = true
		deadline = time.Now().Add(abortGrace(budget))
		arm()
		if _, err := v.abort.Call(quickjs.UndefinedValue); err != nil {
			return res, fail(err)
		}
	}
	// Leave the VM clean for the next render: no timer of this one fires
	// later, no promise job of it is pending.
	arm()
	if _, err := v.clearTimers.Call(quickjs.UndefinedValue); err != nil {
		return res, fail(err)
	}
	if _, err := v.js.ExecutePendingJobs(); err != nil && interrupted(err) {
		return res, fail(err)
	}

	for _, t := range v.errs {
		if exhausted(t) {
			v.broken = true
		}
	}
	if v.renders >= maxRenders {
		v.retire = true // a fresh VM bounds what a long-lived heap accumulates
	}
	switch {
	case status == "ok":
	case status == "suspended", status == "stuck":
		return res, &SuspendedError{Digest: newDigest(), Budget: budget}
	case strings.HasPrefix(status, "error:"):
		digest := strings.TrimPrefix(status, "error:")
		for _, t := range v.errs {
			if t.Digest == digest {
				return res, classify(t)
			}
		}
		return res, &ThrowError{Digest: digest, Phase: "render", Name: "Error", Message: "unknown error"}
	default:
		return res, fmt.Errorf("gorsc: internal error: render status %q", status)
	}
	res.HTML, res.Head, err = splitOutput(v.out, wrapper, v.e.opts.BrowserDigests)
	if err != nil {
		return res, err
	}
	for _, t := range v.errs {
		res.Errors = append(res.Errors, classify(t))
	}
	return res, nil
}

// exhausted reports whether a JavaScript error says the engine itself ran
// out of memory: the VM is not trusted after that.
func exhausted(t *ThrowError) bool {
	return t.Name == "InternalError" && strings.Contains(t.Message, "out of memory")
}

// clientRendered matches the client-rendered boundaries React writes
// (<!--$!--><template data-dgst="…" …></template>): for an error inside a
// boundary of the component (with the digest of Result.Errors), or for a
// boundary still suspended when the render was aborted (render.js names
// those "gorsc:suspended").
var clientRendered = regexp.MustCompile(`<!--\$!--><template( data-dgst="([^"]*)")?[^>]*></template>`)

// blankDigests rewrites client-rendered boundaries with an empty digest,
// which React's browser build takes as a deliberate client render: it
// renders the boundary without reporting an error. With keep, only the
// aborted boundaries are rewritten, and errors keep React's digest (which
// the browser then reports to onRecoverableError as error 419).
func blankDigests(html []byte, keep bool) []byte {
	if !bytes.Contains(html, []byte("<!--$!-->")) {
		return html
	}
	return clientRendered.ReplaceAllFunc(html, func(m []byte) []byte {
		if keep && !bytes.Contains(m, []byte(`data-dgst="gorsc:suspended"`)) {
			return m
		}
		return []byte(`<!--$!--><template data-dgst=""></template>`)
	})
}

// splitOutput separates what React wrote inside the wrapper element (the
// component's HTML) from what it wrote around it (hoistable elements and
// resources that belong in <head>).
func splitOutput(out []byte, wrapper string, keepDigests bool) (html, head []byte, err error) {
	open, end := []byte("<"+wrapper+">"), []byte("</"+wrapper+">")
	if wrapper == "svg" {
		open = []byte(`<svg data-gorsc-ssr="">`)
	}
	i := bytes.Index(out, open)
	j := bytes.LastIndex(out, end)
	if i < 0 || j < i+len(open) {
		return nil, nil, fmt.Errorf("gorsc: internal error: the server render has no %s wrapper: %.200q", wrapper, out)
	}
	html = bytes.Clone(out[i+len(open) : j])
	html = blankDigests(html, keepDigests)
	if i > 0 || j+len(end) < len(out) {
		head = append(bytes.Clone(out[:i]), out[j+len(end):]...)
	}
	return html, head, nil
}
