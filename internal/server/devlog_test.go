package server

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/render"
)

// In development a panic's stack goes to the terminal as lines of its
// own, after a log line that names the panic without it; other errors
// pass through unchanged.
func TestDevLogWritesPanicStacksAsLines(t *testing.T) {
	var logs, term bytes.Buffer
	l := slog.New(panicStacks{h: slog.NewTextHandler(&logs, nil), mu: &sync.Mutex{}, w: &term})
	stack := []byte("goroutine 7 [running]:\nmain.page(...)\n\t/app/page.go:42 +0x1d")
	compErr := fmt.Errorf("rendering /x: %w", &render.ComponentError{Component: "page /x", Err: &render.PanicError{Value: "assignment to entry in nil map", Stack: stack}})
	l.Error("gorsc: render failed", "digest", "abc123", "err", compErr)
	l.With("path", "/y").Error("gorsc: action failed", "digest", "def456", "err", &action.PanicError{Action: "main.add", Value: 42, Stack: stack})
	l.Error("gorsc: plain", "err", fmt.Errorf("no panic\nhere"))

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d log lines, want 3:\n%s", len(lines), logs.String())
	}
	if !strings.Contains(lines[0], "panic: assignment to entry in nil map") || strings.Contains(lines[0], "goroutine") || !strings.Contains(lines[0], "rendering /x") {
		t.Errorf("the render failure's line: %s", lines[0])
	}
	if !strings.Contains(lines[1], "path=/y") || !strings.Contains(lines[1], "main.add panicked: 42") || strings.Contains(lines[1], "goroutine") {
		t.Errorf("the action failure's line: %s", lines[1])
	}
	if !strings.Contains(lines[2], `err="no panic\nhere"`) {
		t.Errorf("a plain error changed: %s", lines[2])
	}
	want := "gorsc: the stack of the panic above (digest abc123):\ngoroutine 7 [running]:\nmain.page(...)\n\t/app/page.go:42 +0x1d\n"
	if !strings.HasPrefix(term.String(), want) || strings.Count(term.String(), "goroutine 7") != 2 {
		t.Errorf("the terminal got:\n%s", term.String())
	}
}
