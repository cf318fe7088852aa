package testenv

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium driven over the DevTools protocol.
type Browser struct {
	t   testing.TB
	ctx context.Context
}

// NewBrowser starts Chromium for t and stops it when the test ends.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	path := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		acancel()
		t.Fatalf("starting Chromium (%s): %v", path, err)
	}
	t.Cleanup(func() { cancel(); acancel() })
	return &Browser{t: t, ctx: ctx}
}

// Page is one browser tab. It records every console message, uncaught
// exception and browser log entry (such as a failed load) of the tab.
type Page struct {
	t   testing.TB
	Ctx context.Context

	mu       sync.Mutex
	messages []chromedp.ConsoleMessage
}

// NewPage opens a tab. With javaScript false, page scripts do not run.
func (b *Browser) NewPage(javaScript bool) *Page {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	b.t.Cleanup(cancel)
	p := &Page{t: b.t, Ctx: ctx}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.messages = append(p.messages, m)
			p.mu.Unlock()
		}
	}()
	if !javaScript {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			b.t.Fatalf("disabling JavaScript: %v", err)
		}
	}
	return p
}

// Do runs actions in the tab with a timeout, failing the test on error.
func (p *Page) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v\nconsole:\n%s", err, p.messagesText())
	}
}

// Eval evaluates a JavaScript expression and returns its value.
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("browser: evaluating %s: %v\nconsole:\n%s", expr, err, p.messagesText())
	}
	return v
}

// Read evaluates an expression that only reads the page (no clicks, no
// writes) and returns its value. Unlike Eval it rides out a document
// navigation: while the tab is between documents (the old one gone, the
// new one's context not yet there) Chromium refuses evaluations, and Read
// tries again until the 20 s timeout. Use it in WaitFor conditions that
// wait for a navigation to finish.
func Read[T any](p *Page, expr string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
		if err == nil {
			return v
		}
		if !betweenDocuments(err) || ctx.Err() != nil {
			p.t.Fatalf("browser: evaluating %s: %v\nconsole:\n%s", expr, err, p.messagesText())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// betweenDocuments reports whether err is Chromium refusing an evaluation
// because the tab is navigating to a new document.
func betweenDocuments(err error) bool {
	s := err.Error()
	return strings.Contains(s, "Inspected target navigated or closed") ||
		strings.Contains(s, "Execution context was destroyed") ||
		strings.Contains(s, "Cannot find context with specified id")
}

// NodeCount returns how many nodes match a CSS selector. It uses DOM
// queries only, so it works with JavaScript disabled.
func (p *Page) NodeCount(sel string) int {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(sel), chromedp.AtLeast(0)))
	if err != nil {
		p.t.Fatalf("browser: querying %s: %v", sel, err)
	}
	return len(nodes)
}

// Text returns the text content of the first node matching sel.
func (p *Page) Text(sel string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("browser: text of %s: %v\nconsole:\n%s", sel, err, p.messagesText())
	}
	return s
}

// Messages returns the console messages recorded so far. With JavaScript
// on, it first logs a marker and waits until the marker arrives, so every
// message the page wrote before the call is included.
func (p *Page) Messages(javaScript bool) []chromedp.ConsoleMessage {
	p.t.Helper()
	if javaScript {
		marker := fmt.Sprintf("gorsc-test-sync-%d", time.Now().UnixNano())
		Eval[any](p, fmt.Sprintf("console.debug(%q)", marker))
		deadline := time.Now().Add(10 * time.Second)
		for {
			p.mu.Lock()
			found := -1
			for i, m := range p.messages {
				if m.Text == marker {
					found = i
				}
			}
			if found >= 0 {
				out := append(append([]chromedp.ConsoleMessage(nil), p.messages[:found]...), p.messages[found+1:]...)
				p.messages = append(p.messages[:found], p.messages[found+1:]...)
				p.mu.Unlock()
				return out
			}
			p.mu.Unlock()
			if time.Now().After(deadline) {
				p.t.Fatalf("browser: console marker never arrived")
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	time.Sleep(200 * time.Millisecond) // no script to sync with; let events drain
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]chromedp.ConsoleMessage(nil), p.messages...)
}

func (p *Page) messagesText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b strings.Builder
	for _, m := range p.messages {
		b.WriteString(m.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// AddScriptOnNewDocument runs src in every document the tab loads from now
// on, before the document's own scripts.
func (p *Page) AddScriptOnNewDocument(src string) {
	p.t.Helper()
	if _, err := chromedp.Call(p.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		p.t.Fatalf("browser: adding a script: %v", err)
	}
}

// WaitFor polls cond until it holds, failing the test after 10 seconds.
func WaitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// JSText reads the text of the first element matching sel ("" if none)
// with JavaScript; unlike Text it does not fail while React replaces the
// element.
func (p *Page) JSText(sel string) string {
	p.t.Helper()
	return Read[string](p, fmt.Sprintf(`document.querySelector(%q)?.textContent ?? ""`, sel))
}

// Hydrated reports whether React has hydrated (or rendered) the first
// element matching sel.
func (p *Page) Hydrated(sel string) bool {
	p.t.Helper()
	return Eval[bool](p, fmt.Sprintf(`(() => { const el = document.querySelector(%q); return !!el && Object.keys(el).some(k => k.startsWith("__reactFiber")) })()`, sel))
}

// ExpectNoMessages fails the test for every console message, exception
// or failed load the tab recorded, except the browser's own request for
// /favicon.ico.
func (p *Page) ExpectNoMessages(javaScript bool) {
	p.t.Helper()
	for _, m := range p.Messages(javaScript) {
		if strings.HasSuffix(m.URL, "/favicon.ico") {
			continue
		}
		p.t.Errorf("browser logged %s (%s)", m.String(), m.URL)
	}
}
