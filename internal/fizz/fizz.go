// Package fizz writes HTML for a rendered server component tree in exactly
// the shape react-dom/server (Fizz) 19.3 writes it, so that React hydrates
// it without errors. See ../shared/research/flight-spec.md §4.
package fizz

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gorsc/gorsc/internal/tree"
)

// Resolver supplies the public ids of server actions and encodes bound
// arguments in React's reply format for progressive-enhancement forms.
type Resolver interface {
	ActionID(a tree.ActionRef) (string, error)
	// EncodeBound returns the reply-format JSON of bound arguments.
	EncodeBound(args []any) (string, error)
}

// Options are the document-level additions gorsc makes around the tree.
type Options struct {
	// HeadEnd is written just before </head>.
	HeadEnd string
	// RenderClient, when set, server-renders a client component that Go
	// has no HTML for (internal/ssr): at is where it sits in the tree the
	// browser hydrates (treecontext.go).
	RenderClient func(c *tree.ClientRef, at ClientAt) ClientHTML
}

type writer struct {
	b        []byte
	r        Resolver
	opts     *Options
	lastText bool // the last thing written was a text node
	formID   int
	inSVG    bool
	tag      string // the element whose attributes are being written

	hoist hoister // hoist.go
	// selectValue is the value (or defaultValue) of the enclosing
	// <select>: its matching <option>s are written selected.
	selectValue any
	inSelect    bool

	// Streaming (see Stream).
	stream  bool
	post    []byte // closing </body></html>, held back until the end
	nextID  int    // next boundary/segment id
	pending []Pending
	wroteRC bool // $RC's function has been written
	wroteRX bool // $RX's function has been written

	tc treeState // treecontext.go
}

// Render returns the HTML for a rendered tree.
func Render(root tree.Node, r Resolver, opts *Options) ([]byte, error) {
	if opts == nil {
		opts = &Options{}
	}
	w := &writer{r: r, opts: opts, b: make([]byte, 0, 64<<10)}
	if el, ok := root.(*tree.Element); ok && el.Tag == "html" {
		w.b = append(w.b, "<!DOCTYPE html>"...)
	}
	if err := w.node(root); err != nil {
		return nil, err
	}
	w.spliceClientHead()
	return w.b, nil
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "keygen": true, "link": true, "meta": true,
	"param": true, "source": true, "track": true, "wbr": true,
}

func (w *writer) node(n tree.Node) error {
	if !w.hoist.done {
		w.hoistInit(n) // n is the root
	}
	switch n := n.(type) {
	case nil:
		return nil
	case tree.Text:
		if n == "" {
			return nil
		}
		if w.lastText {
			w.b = append(w.b, "<!-- -->"...)
		}
		w.b = appendEscaped(w.b, string(n))
		w.lastText = true
		return nil
	case tree.Group:
		return w.nodes(n)
	case *tree.Fragment:
		return w.nodes(n.Children)
	case *tree.Element:
		return w.element(n)
	case *tree.Suspense:
		// Rendering is synchronous for now: every boundary is complete.
		w.b = append(w.b, "<!--$-->"...)
		w.lastText = false
		if err := w.nodes(n.Children); err != nil {
			return err
		}
		w.b = append(w.b, "<!--/$-->"...)
		w.lastText = false
		return nil
	case *tree.Boundary:
		return w.boundary(n)
	case *tree.ClientRef:
		if n.SSR != nil {
			return w.node(n.SSR) // Go knows this component's exact HTML
		}
		if done, err := w.clientRef(n); done {
			return err
		}
		// A client-rendered boundary: React renders the component in the
		// browser with no hydration error (flight-spec §4.3).
		w.b = append(w.b, `<!--$!--><template data-dgst=""></template>`...)
		w.lastText = false
		if err := w.node(n.Fallback); err != nil {
			return err
		}
		w.b = append(w.b, "<!--/$-->"...)
		w.lastText = false
		return nil
	case *tree.Component:
		return fmt.Errorf("gorsc: internal error: server component %s reached the HTML writer unrendered", tree.Describe(n))
	case tree.Attr:
		return fmt.Errorf("gorsc: attribute %q is outside of an element", n.Name)
	case tree.Key:
		return fmt.Errorf("gorsc: key %q is outside of an element", string(n))
	}
	return fmt.Errorf("gorsc: unknown node type %T", n)
}

func (w *writer) nodes(ns []tree.Node) error {
	return w.children(ns) // treecontext.go
}

// deferred lists, per tag, the props react-dom/server collects during the
// attribute loop and writes after all others, in this order.
var deferred = map[string][]string{
	"form":   {"action", "encType", "method", "target"},
	"button": {"name", "formAction", "formEncType", "formMethod", "formTarget"},
	"input":  {"name", "formAction", "formEncType", "formMethod", "formTarget", "checked", "defaultChecked", "value", "defaultValue"},
}

func (w *writer) element(el *tree.Element) error {
	w.lastText = false
	if w.hoist.skip[el] {
		return nil // written in the preamble (hoist.go)
	}
	if strings.Contains(el.Tag, "-") {
		return w.customElement(el)
	}
	w.b = append(w.b, '<')
	w.b = append(w.b, el.Tag...)
	w.tag = el.Tag

	order := deferred[el.Tag]
	var later map[string]any
	var innerHTML *string
	// A <textarea>'s value (else its defaultValue) is written as its
	// content, not as an attribute, as react-dom/server does.
	var textareaValue *string
	for _, a := range el.Attrs {
		if a.Value == nil {
			continue
		}
		if el.Tag == "textarea" && (a.Name == "value" || a.Name == "defaultValue") {
			if s, ok := attrString(a.Value); ok && (a.Name == "value" || textareaValue == nil) {
				textareaValue = &s
			}
			continue
		}
		if el.Tag == "select" && (a.Name == "value" || a.Name == "defaultValue") {
			continue // written as selected options
		}
		if el.Tag == "option" && a.Name == "selected" {
			continue
		}
		if a.Name == "dangerouslySetInnerHTML" {
			if s, ok := a.Value.(string); ok {
				innerHTML = &s
			}
			continue
		}
		if slices.Contains(order, a.Name) {
			if later == nil {
				later = map[string]any{}
			}
			later[a.Name] = a.Value
			continue
		}
		if _, ok := a.Value.(tree.ActionRef); ok {
			continue // a function prop anywhere else is dropped, as React does
		}
		w.writeAttr(a.Name, a.Value)
	}

	var hidden []hiddenField
	if len(order) > 0 {
		actionProp := "formAction"
		if el.Tag == "form" {
			actionProp = "action"
		}
		if ar, ok := later[actionProp].(tree.ActionRef); ok {
			var err error
			if hidden, err = w.actionAttrs(el.Tag, ar); err != nil {
				return fmt.Errorf("%s: %w", tree.Describe(el), err)
			}
			for _, name := range order {
				switch name {
				case "checked", "defaultChecked", "value", "defaultValue":
				default:
					delete(later, name) // React overrides these for a function action
				}
			}
		}
		for _, name := range order {
			v, ok := later[name]
			if !ok {
				continue
			}
			switch name {
			case "checked":
				w.boolAttr("checked", v)
			case "defaultChecked":
				if _, has := later["checked"]; !has {
					w.boolAttr("checked", v)
				}
			case "defaultValue":
				if _, has := later["value"]; !has {
					w.writeAttr("value", v)
				}
			default:
				if _, isAction := v.(tree.ActionRef); !isAction {
					w.writeAttr(name, v)
				}
			}
		}
	}
	if el.Tag == "option" && w.optionSelected(el) {
		w.emptyAttr("selected")
	}
	if voidElements[el.Tag] {
		w.b = append(w.b, "/>"...)
		w.hiddenInputs(hidden)
		return nil
	}
	w.b = append(w.b, '>')
	w.hiddenInputs(hidden)
	switch el.Tag {
	case "head":
		w.writePreamble()
	case "html":
		if !hasHead(el) {
			// React writes a <head> for the preamble when the tree has none.
			w.b = append(w.b, "<head>"...)
			w.writePreamble()
			w.b = append(w.b, w.opts.HeadEnd...)
			w.b = append(w.b, "</head>"...)
		}
	case "select":
		savedV, savedIn := w.selectValue, w.inSelect
		w.inSelect = true
		w.selectValue = nil
		for _, a := range el.Attrs {
			if a.Value != nil && (a.Name == "value" || (a.Name == "defaultValue" && w.selectValue == nil)) {
				w.selectValue = a.Value
			}
		}
		defer func() { w.selectValue, w.inSelect = savedV, savedIn }()
	}
	if innerHTML != nil {
		w.b = append(w.b, *innerHTML...)
	} else if el.Tag == "textarea" && textareaValue != nil {
		// React adds a newline before a value that starts with one,
		// because the HTML parser drops the first newline of a textarea.
		if strings.HasPrefix(*textareaValue, "\n") {
			w.b = append(w.b, '\n')
		}
		w.b = appendEscaped(w.b, *textareaValue)
	} else if el.Tag == "script" || el.Tag == "style" {
		var raw strings.Builder
		for _, c := range el.Children {
			if t, ok := c.(tree.Text); ok {
				raw.WriteString(string(t))
			}
		}
		w.b = appendRawText(w.b, el.Tag, raw.String())
	} else if err := w.elementChildren(el); err != nil {
		return err
	}
	if el.Tag == "head" {
		w.b = append(w.b, w.opts.HeadEnd...)
	}
	if w.stream && (el.Tag == "body" || el.Tag == "html") {
		// React holds these back until every boundary has streamed in.
		w.post = append(w.post, "</"+el.Tag+">"...)
		w.lastText = false
		return nil
	}
	w.b = append(w.b, "</"...)
	w.b = append(w.b, el.Tag...)
	w.b = append(w.b, '>')
	w.lastText = false
	return nil
}

func (w *writer) boolAttr(name string, v any) {
	if truthy(v) {
		w.emptyAttr(name)
	}
}

// hiddenInputs writes the <input type="hidden"> fields of a server action.
func (w *writer) hiddenInputs(pairs []hiddenField) {
	for _, f := range pairs {
		w.b = append(w.b, `<input type="hidden"`...)
		w.attr("name", f.name)
		if f.hasValue {
			w.attr("value", f.value)
		}
		w.b = append(w.b, "/>"...)
	}
}

type hiddenField struct {
	name, value string
	hasValue    bool
}

// actionAttrs writes the attributes React writes for a server action used
// as a form action or a button/input formAction, and returns the hidden
// inputs that go with it (flight-spec §3.5).
func (w *writer) actionAttrs(tag string, a tree.ActionRef) ([]hiddenField, error) {
	id, err := w.r.ActionID(a)
	if err != nil {
		return nil, err
	}
	// React numbers every server-action form and button (bound or not)
	// from 0 with resumableState.nextFormID; only bound ones use the number.
	n := strconv.Itoa(w.formID)
	w.formID++
	var name string
	var fields []hiddenField
	if bound := a.BoundArgs(); bound == nil {
		name = "$ACTION_ID_" + id
	} else {
		args, err := w.r.EncodeBound(bound)
		if err != nil {
			return nil, err
		}
		name = "$ACTION_REF_" + n
		root := `{"id":` + string(appendJSONString(nil, id)) + `,"bound":"$@1"}`
		fields = []hiddenField{
			{"$ACTION_" + n + ":1", args, true},
			{"$ACTION_" + n + ":0", root, true},
		}
	}
	if tag == "form" {
		w.attr("action", "")
		w.attr("encType", "multipart/form-data")
		w.attr("method", "POST")
		return append([]hiddenField{{name: name}}, fields...), nil
	}
	w.attr("name", name)
	w.attr("formAction", "")
	w.attr("formEncType", "multipart/form-data")
	w.attr("formMethod", "POST")
	return fields, nil
}
