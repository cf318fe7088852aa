package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/render"
)

// In development (App.Dev), a panic's stack is written to the terminal as
// lines of its own, readable, after the log line, which names the panic
// without it: a text or JSON log handler would quote the stack's
// newlines into one long line. Production logs keep the stack in the
// error (one record per failure, for log collectors).

// panicStacks wraps h: records whose "err" attribute holds a component's
// or an action's panic are logged with the panic's value only, then its
// stack is written to w.
type panicStacks struct {
	h  slog.Handler
	mu *sync.Mutex
	w  io.Writer
}

func devLogger(l *slog.Logger) *slog.Logger {
	return slog.New(panicStacks{h: l.Handler(), mu: &sync.Mutex{}, w: os.Stderr})
}

func (p panicStacks) Enabled(ctx context.Context, level slog.Level) bool {
	return p.h.Enabled(ctx, level)
}

func (p panicStacks) WithAttrs(as []slog.Attr) slog.Handler {
	return panicStacks{h: p.h.WithAttrs(as), mu: p.mu, w: p.w}
}

func (p panicStacks) WithGroup(name string) slog.Handler {
	return panicStacks{h: p.h.WithGroup(name), mu: p.mu, w: p.w}
}

func (p panicStacks) Handle(ctx context.Context, r slog.Record) error {
	var stack []byte
	var digest string
	out := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "digest" {
			digest = a.Value.String()
		}
		if err, ok := a.Value.Any().(error); ok && a.Key == "err" {
			if msg, st, ok := panicOf(err); ok {
				stack = st
				a = slog.String("err", msg)
			}
		}
		out.AddAttrs(a)
		return true
	})
	err := p.h.Handle(ctx, out)
	if stack != nil {
		p.mu.Lock()
		fmt.Fprintf(p.w, "gorsc: the stack of the panic above (digest %s):\n%s\n", digest, stack)
		p.mu.Unlock()
	}
	return err
}

// panicOf returns err's message with a panic's stack left out, and the
// stack, when err holds a component's or an action's panic.
func panicOf(err error) (msg string, stack []byte, ok bool) {
	var rp *render.PanicError
	var ap *action.PanicError
	switch {
	case errors.As(err, &rp):
		stack = rp.Stack
		short := &render.PanicError{Value: rp.Value}
		msg = replaceIn(err, rp, short)
	case errors.As(err, &ap):
		stack = ap.Stack
		short := &action.PanicError{Action: ap.Action, Value: ap.Value}
		msg = replaceIn(err, ap, short)
	default:
		return "", nil, false
	}
	return msg, stack, true
}

// replaceIn returns err's message with the message of inner, which err
// wraps, replaced by that of short.
func replaceIn(err, inner, short error) string {
	return strings.TrimRight(strings.Replace(err.Error(), inner.Error(), strings.TrimRight(short.Error(), "\n"), 1), "\n")
}
