package reply_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/reply"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
	"github.com/gorsc/gorsc/internal/writertest"
)

func attr(name string, v any) tree.Attr { return tree.Attr{Name: name, Value: v} }

func action(id string, bound ...any) *writertest.Action {
	a := &writertest.Action{ID: id}
	if bound != nil {
		a.Bound = bound
	}
	return a
}

// TestFormActionClickedButtonWins posts forms from real Chromium with
// JavaScript off: the HTML is internal/fizz's (React's shape: the form's
// action as a hidden input that opens the form, each <button formAction>
// named after its action, bound arguments as hidden fields), the body is
// what the browser encodes, and DecodeForm must pick the action of the
// button that was clicked, as React's decodeAction does. A destructive
// button must never run the form's own action, nor the other way round.
func TestFormActionClickedButtonWins(t *testing.T) {
	page := tree.El("html",
		tree.El("head", tree.El("meta", attr("charSet", "utf-8")), tree.El("link", attr("rel", "icon"), attr("href", "data:,"))),
		tree.El("body",
			// An unbound form action with unbound and bound formActions.
			tree.El("form", attr("id", "f1"), attr("action", action("todo#save")),
				tree.El("input", attr("name", "title"), attr("defaultValue", "milk")),
				tree.El("button", attr("id", "save"), tree.Text("Save")),
				tree.El("button", attr("id", "delete"), attr("formAction", action("todo#delete")), tree.Text("Delete")),
				tree.El("button", attr("id", "archive"), attr("formAction", action("todo#archive", 7, "x")), tree.Text("Archive")),
				tree.El("input", attr("name", "after"), attr("defaultValue", "a")),
			),
			// A bound form action with the same.
			tree.El("form", attr("id", "f2"), attr("action", action("list#rename", "list-1")),
				tree.El("input", attr("name", "name"), attr("defaultValue", "groceries")),
				tree.El("button", attr("id", "rename"), tree.Text("Rename")),
				tree.El("button", attr("id", "drop"), attr("formAction", action("list#drop")), tree.Text("Drop")),
				tree.El("button", attr("id", "share"), attr("formAction", action("list#share", map[string]any{"with": "ann"})), tree.Text("Share")),
			),
			// A button whose formAction is the form's own.
			tree.El("form", attr("id", "f3"), attr("action", action("a#one")),
				tree.El("button", attr("id", "same"), attr("formAction", action("a#one")), tree.Text("Same")),
			),
		),
	)
	doc, err := fizz.Render(page, writertest.Resolver{}, nil)
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var last string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(doc)
			return
		}
		body, err := reply.ReadBody(r, 0)
		var out string
		if err == nil {
			var fa *reply.FormAction
			if fa, err = reply.DecodeForm(body, reply.Limits{}); err == nil && fa != nil {
				bound, _ := json.Marshal(fa.Bound)
				var fields []string
				for _, e := range fa.Form.Entries() {
					fields = append(fields, e.Name+"="+e.Value)
				}
				out = fmt.Sprintf("%s %s %s", fa.ID, bound, strings.Join(fields, "&"))
			}
		}
		if err != nil {
			out = "error: " + err.Error()
		}
		mu.Lock()
		last = out
		mu.Unlock()
		fmt.Fprintf(w, `<!DOCTYPE html><p id="result">%s</p>`, html.EscapeString(out))
	}))
	defer srv.Close()

	p := testenv.NewBrowser(t).NewPage(false)
	cases := []struct{ button, want string }{
		{"save", `todo#save null title=milk&after=a`},
		{"delete", `todo#delete null title=milk&after=a`},
		{"archive", `todo#archive [7,"x"] title=milk&after=a`},
		{"rename", `list#rename ["list-1"] name=groceries`},
		{"drop", `list#drop null name=groceries`},
		{"share", `list#share [{"with":"ann"}] name=groceries`},
		{"same", `a#one null `},
	}
	for _, c := range cases {
		p.Do(chromedp.Navigate(srv.URL + "/"))
		p.Do(chromedp.Click(chromedp.CSS("#" + c.button)))
		p.Do(chromedp.WaitVisible(chromedp.CSS("#result")))
		mu.Lock()
		got := last
		mu.Unlock()
		if got != c.want {
			t.Errorf("clicking #%s: the server decoded %q, want %q", c.button, got, c.want)
		}
	}
}
