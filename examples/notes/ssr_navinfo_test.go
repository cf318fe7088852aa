package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/testenv"
)

// TestClientAPIServerRendered: a component using gorsc/client's hooks
// (components/Where.tsx) is rendered on the server with the request's
// URL, query and route parameters, and the browser hydrates it without a
// mismatch.
func TestClientAPIServerRendered(t *testing.T) {
	srv := startNotes(t)
	path := "/tags/caf%C3%A9?q=a+b%26c"
	_, _, body := status(t, srv.URL+path)
	for _, want := range []string{
		`<span class="where-path">/tags/caf%C3%A9</span>`,
		`<span class="where-q">a b&amp;c</span>`,
		`<span class="where-params">{&quot;tag&quot;:&quot;café&quot;}</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the server-rendered Where lacks %s", want)
		}
	}
	p := testenv.NewBrowser(t).NewPage(true)
	p.Do(chromedp.Navigate(srv.URL + path))
	testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("p.where") })
	if got := p.JSText("p.where .where-params"); got != `{"tag":"café"}` {
		t.Errorf("params after hydration = %q", got)
	}
	p.ExpectNoMessages(true)
}
