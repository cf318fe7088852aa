// Package fizz writes HTML for a rendered server component tree in exactly
// the shape react-dom/server (Fizz) 19.3 writes it, so that React hydrates
// it without errors. See ../shared/research/doc/wire.md §4.
package fizz

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/gorsc/gorsc/internal/jsonx"
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
	// browser hydrates. It is called in tree order, once per outermost
	// such component (not ClientOnly, not directly inside a
	// <ViewTransition>, whose vt-* attributes only the writer knows), by
	// the hoisting pass before the shell (or a streamed segment) is
	// written, so that what the component hoists joins the preamble where
	// React puts it (client.go).
	RenderClient func(c *tree.ClientRef, at ClientAt) ClientHTML
}

type writer struct {
	b        []byte
	r        Resolver
	opts     *Options
	lastText bool // the last thing written was a text node
	formID   int
	inSVG    bool   // inside <svg>, outside <foreignObject>
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
	wroteRR bool // $RR's function has been written

	// The format context (context.go).
	tc    TreeContext
	vt    *viewTransition
	scope uint8
	// needsVT: the document has view transitions around Suspense
	// boundaries, so streamed content is revealed with React's
	// view-transition $RV (Runtime.ViewTransitionReveal).
	needsVT bool
	wroteVT bool

	// clients holds what Options.RenderClient returned for each client
	// component, in tree order, from the hoisting pass (client.go).
	clients map[*tree.ClientRef][]ClientHTML
}

// Render returns the HTML for a rendered tree.
func Render(root tree.Node, r Resolver, opts *Options) ([]byte, error) {
	if opts == nil {
		opts = &Options{}
	}
	w := &writer{r: r, opts: opts, b: make([]byte, 0, 64<<10)}
	if el, ok := root.(*tree.Element); ok && el != nil && el.Tag == "html" {
		w.b = append(w.b, "<!DOCTYPE html>"...)
	}
	if err := w.node(root); err != nil {
		return nil, err
	}
	return w.b, nil
}

// isVoid reports whether tag is a void element, written without a
// closing tag.
func isVoid(tag string) bool {
	switch tag {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
		"link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}

func (w *writer) node(n tree.Node) error {
	if !w.hoist.done {
		w.hoistInit(n) // n is the root
	}
	switch n := n.(type) { // the common cases first
	case tree.Text:
		if n == "" {
			return nil
		}
		b := w.b
		if w.lastText {
			b = append(b, "<!-- -->"...)
		}
		w.b = appendEscaped(b, string(n))
		w.lastText = true
		return nil
	case *tree.Element:
		if n != nil {
			return w.element(n)
		}
	}
	if tree.IsNil(n) {
		return nil // nil, or a typed nil node: nothing
	}
	switch n := n.(type) {
	case tree.Number:
		// A number child is text: JavaScript's String(n).
		if w.lastText {
			w.b = append(w.b, "<!-- -->"...)
		}
		w.b = appendNumber(w.b, n)
		w.lastText = true
		return nil
	case tree.Group:
		return w.children(n)
	case *tree.Fragment:
		return w.children(n.Children)
	case *tree.Element:
		return w.element(n)
	case *tree.ViewTransition:
		return w.viewTransitionNode(n)
	case *tree.Suspense:
		// A boundary whose content is complete: written inline.
		w.b = append(w.b, "<!--$-->"...)
		w.lastText = false
		saved := w.fmtState()
		w.setFmt(w.suspenseContent())
		err := w.children(n.Children)
		w.setFmt(saved)
		if err != nil {
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
		// browser with no hydration error (doc/wire.md §4.3).
		return w.clientBoundary(n, "")
	case *tree.Component:
		return fmt.Errorf("gorsc: internal error: server component %s reached the HTML writer unrendered", tree.Describe(n))
	case tree.Attr:
		return fmt.Errorf("gorsc: attribute %q is outside of an element", n.Name)
	case *tree.Attr:
		return fmt.Errorf("gorsc: attribute %q is outside of an element", n.Name)
	case tree.Key:
		return fmt.Errorf("gorsc: key %q is outside of an element", string(n))
	}
	return fmt.Errorf("gorsc: unknown node type %T", n)
}

// deferredProps lists, per tag, the props react-dom/server collects
// during the attribute loop and writes after all others, in this order.
func deferredProps(tag string) []string {
	switch tag {
	case "form":
		return deferredForm
	case "button":
		return deferredButton
	case "input":
		return deferredInput
	}
	return nil
}

var (
	deferredForm   = []string{"action", "encType", "method", "target"}
	deferredButton = []string{"name", "formAction", "formEncType", "formMethod", "formTarget"}
	deferredInput  = []string{"name", "formAction", "formEncType", "formMethod", "formTarget", "checked", "defaultChecked", "value", "defaultValue"}
)

func (w *writer) element(el *tree.Element) error {
	if len(w.hoist.skip) > 0 && !el.HoistFree() {
		if kind, ok := w.hoist.skip[el]; ok {
			// Written in the preamble (hoist.go), or dropped.
			if kind == skipSeparated && w.lastText {
				w.b = append(w.b, "<!-- -->"...)
			}
			w.lastText = false
			return nil
		}
	}
	w.lastText = false
	if plainTag(el.Tag) {
		return w.plainElement(el)
	}
	if strings.Contains(el.Tag, "-") {
		return w.customElement(el)
	}
	w.b = append(w.b, '<')
	w.b = append(w.b, el.Tag...)
	w.tag = el.Tag

	order := deferredProps(el.Tag)
	var later map[string]any
	var innerHTML *string
	// A <textarea>'s value (else its defaultValue) is written as its
	// content, not as an attribute, as react-dom/server does.
	var textareaValue *string
	valueTag := el.Tag == "textarea" || el.Tag == "select" || el.Tag == "option"
	for _, a := range el.Attrs() {
		if a.Value == nil {
			continue
		}
		if valueTag {
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
		}
		if a.Name == "dangerouslySetInnerHTML" {
			if s, ok := a.Value.(string); ok {
				innerHTML = &s
			}
			continue
		}
		if order != nil && slices.Contains(order, a.Name) {
			if later == nil {
				later = map[string]any{}
			}
			later[a.Name] = a.Value
			continue
		}
		if s, ok := a.Value.(string); ok {
			if !w.stringAttr(a.Name, s) {
				w.writeAttr(a.Name, a.Value)
			}
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
	switch el.Tag {
	case "option", "link", "script", "style", "title":
		// React writes these without view-transition attributes.
	default:
		w.vtAttrs()
	}
	if isVoid(el.Tag) {
		w.b = append(w.b, "/>"...)
		w.hiddenInputs(hidden)
		return nil
	}
	w.b = append(w.b, '>')
	w.hiddenInputs(hidden)
	switch el.Tag {
	case "head":
		w.b = append(w.b, w.hoist.preamble()...)
	case "html":
		if !hasHead(el) {
			// React writes a <head> for the preamble when the tree has none.
			w.b = append(w.b, "<head>"...)
			w.b = append(w.b, w.hoist.preamble()...)
			w.b = append(w.b, w.opts.HeadEnd...)
			w.b = append(w.b, "</head>"...)
		}
	case "select":
		savedV, savedIn := w.selectValue, w.inSelect
		w.inSelect = true
		w.selectValue = nil
		for _, a := range el.Attrs() {
			if a.Value != nil && (a.Name == "value" || (a.Name == "defaultValue" && w.selectValue == nil)) {
				w.selectValue = a.Value
			}
		}
		defer func() { w.selectValue, w.inSelect = savedV, savedIn }()
	}
	if innerHTML != nil {
		if (el.Tag == "pre" || el.Tag == "listing") && strings.HasPrefix(*innerHTML, "\n") {
			w.b = append(w.b, '\n') // as for a text child below
		}
		w.b = append(w.b, *innerHTML...)
	} else if el.Tag == "textarea" && textareaValue != nil {
		// React adds a newline before a value that starts with one,
		// because the HTML parser drops the first newline of a textarea.
		if strings.HasPrefix(*textareaValue, "\n") {
			w.b = append(w.b, '\n')
		}
		w.b = appendEscaped(w.b, *textareaValue)
	} else if el.Tag == "textarea" && len(el.Children()) == 1 && isText(el.Children()[0]) {
		// A textarea's single text child is its default value.
		v := string(el.Children()[0].(tree.Text))
		if strings.HasPrefix(v, "\n") {
			w.b = append(w.b, '\n')
		}
		w.b = appendEscaped(w.b, v)
	} else if el.Tag == "script" || el.Tag == "style" {
		// React writes a single text child only (several are an array,
		// which it drops).
		if len(el.Children()) == 1 {
			if t, ok := textOf(el.Children()[0]); ok {
				w.b = appendRawText(w.b, el.Tag, t)
			}
		}
	} else {
		if el.Tag == "pre" || el.Tag == "listing" {
			// The HTML parser drops a newline just after <pre>: React adds
			// one when the children are a text starting with a newline.
			if len(el.Children()) == 1 {
				if t, ok := el.Children()[0].(tree.Text); ok && strings.HasPrefix(string(t), "\n") {
					w.b = append(w.b, '\n')
				}
			}
		}
		if err := w.childrenOf(el); err != nil {
			return err
		}
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

// plainTag reports whether tag is a common element none of element's
// special cases concern: not void, no deferred or value props, no
// special content, not hoisted, not held back while streaming.
func plainTag(tag string) bool {
	switch tag {
	case "div", "span", "p", "a", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
		"strong", "em", "b", "i", "u", "s", "small", "mark", "code", "kbd", "samp", "var",
		"section", "article", "header", "footer", "nav", "main", "aside", "figure", "figcaption",
		"label", "legend", "fieldset", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
		"dl", "dt", "dd", "blockquote", "q", "cite", "abbr", "time", "sup", "sub", "details", "summary",
		"dialog", "address", "hgroup", "search", "output", "data", "dfn", "ins", "del", "bdi", "bdo":
		return true
	}
	return false
}

// plainElement is element for a plainTag: its attributes and its
// children, nothing else.
func (w *writer) plainElement(el *tree.Element) error {
	b := append(w.b, '<')
	w.b = append(b, el.Tag...)
	w.tag = el.Tag
	innerHTML, hasInner := "", false
	for _, a := range el.Attrs() {
		if a.Value == nil {
			continue
		}
		if s, ok := a.Value.(string); ok {
			if a.Name == "dangerouslySetInnerHTML" {
				innerHTML, hasInner = s, true
			} else if !w.stringAttr(a.Name, s) {
				w.writeAttr(a.Name, a.Value)
			}
			continue
		}
		if a.Name == "dangerouslySetInnerHTML" {
			continue
		}
		if _, ok := a.Value.(tree.ActionRef); ok {
			continue // a function prop is dropped, as React does
		}
		w.writeAttr(a.Name, a.Value)
	}
	if w.vt != nil {
		w.vtAttrs()
	}
	w.b = append(w.b, '>')
	if hasInner {
		w.b = append(w.b, innerHTML...)
	} else if err := w.childrenOf(el); err != nil {
		return err
	}
	b = append(w.b, "</"...)
	b = append(b, el.Tag...)
	w.b = append(b, '>')
	w.lastText = false
	return nil
}

func isText(n tree.Node) bool {
	_, ok := n.(tree.Text)
	return ok
}

// childrenOf writes the children of a host element, in the format
// context React gives them: no view transition, out of any Suspense
// fallback or content.
func (w *writer) childrenOf(el *tree.Element) error {
	// The tree context is left as it is found by whatever changes it.
	vt, scope, svg := w.vt, w.scope, w.inSVG
	if vt != nil {
		w.vt = nil
	}
	w.scope &^= scopeFallback | scopeContent
	switch el.Tag {
	case "svg":
		w.inSVG = true
	case "foreignObject":
		w.inSVG = false
	}
	err := w.children(el.Children())
	if vt != nil {
		w.vt = vt
	}
	w.scope, w.inSVG = scope, svg
	return err
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
// inputs that go with it (doc/wire.md §3.5).
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

// appendNumber appends a number child's text, as textOf gives it,
// without making a string (digits, '.', 'e', signs, NaN or Infinity:
// nothing to escape).
func appendNumber(b []byte, n tree.Number) []byte {
	f := float64(n)
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		s, _ := textOf(n)
		return append(b, s...)
	}
	return jsonx.AppendFloat(b, f)
}

// textOf returns the text of a text or number child, as React renders it
// ("" + child: String(n) for a number, "0" for -0).
func textOf(n tree.Node) (string, bool) {
	switch n := n.(type) {
	case tree.Text:
		return string(n), true
	case tree.Number:
		if n == 0 {
			return "0", true
		}
		return jsNumber(float64(n)), true
	}
	return "", false
}
