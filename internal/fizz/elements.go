package fizz

import (
	"regexp"
	"slices"
	"strings"

	"github.com/gorsc/gorsc/internal/jsval"
	"github.com/gorsc/gorsc/internal/tree"
)

// optionSelected reports whether an <option> is written selected: inside
// a <select> with a value, when its value (or, without one, its text)
// equals the select's value or one of its values; elsewhere when it has
// a truthy selected prop.
func (w *writer) optionSelected(el *tree.Element) bool {
	if !w.inSelect || w.selectValue == nil {
		if v, ok := attrValue(el, "selected"); ok {
			return truthy(v)
		}
		return false
	}
	var value string
	if v, ok := attrValue(el, "value"); ok {
		value, _ = attrString(v)
	} else {
		var b strings.Builder
		for _, c := range el.Children() {
			if t, ok := textOf(c); ok {
				b.WriteString(t)
			}
		}
		value = b.String()
	}
	switch sv := w.selectValue.(type) {
	case []any:
		return slices.ContainsFunc(sv, func(x any) bool { s, ok := attrString(x); return ok && s == value })
	case []string:
		return slices.Contains(sv, value)
	}
	s, ok := attrString(w.selectValue)
	return ok && s == value
}

var (
	scriptEnd = regexp.MustCompile(`(?i)(<\/|<)(s)(cript)`)
	styleEnd  = regexp.MustCompile(`(?i)(<\/|<)(s)(tyle)`)
)

// appendRawText appends the content of a <script> or <style> as React
// does: raw, except that "<script"/"</script" (in a script) and
// "<style"/"</style" (in a style) get their "s" escaped so they cannot
// end the element.
func appendRawText(b []byte, tag, s string) []byte {
	if tag == "script" {
		return append(b, scriptEnd.ReplaceAllStringFunc(s, func(m string) string {
			i := strings.IndexAny(m, "sS")
			esc := `\u0073`
			if m[i] == 'S' {
				esc = `\u0053`
			}
			return m[:i] + esc + m[i+1:]
		})...)
	}
	return append(b, styleEnd.ReplaceAllStringFunc(s, func(m string) string {
		i := strings.IndexAny(m, "sS")
		esc := `\73 `
		if m[i] == 'S' {
			esc = `\53 `
		}
		return m[:i] + esc + m[i+1:]
	})...)
}

// customElement writes an element whose tag has a "-": React passes its
// props through as attributes — className becomes class, true becomes
// name="", false, nil and non-primitive values are dropped.
func (w *writer) customElement(el *tree.Element) error {
	w.b = append(w.b, '<')
	w.b = append(w.b, el.Tag...)
	var innerHTML *string
	for _, a := range el.Attrs() {
		if a.Value == nil {
			continue
		}
		switch a.Name {
		case "children", "key", "ref", "suppressContentEditableWarning", "suppressHydrationWarning":
			continue
		case "dangerouslySetInnerHTML":
			if s, ok := a.Value.(string); ok {
				innerHTML = &s
			}
			continue
		case "style":
			w.writeStyle(a.Value)
			continue
		}
		name := a.Name
		if name == "className" {
			name = "class"
		}
		if !isAttrNameSafe(name) {
			continue // React's check: a name that could break out of the tag
		}
		if x, ok := jsval.Of(a.Value); ok {
			switch {
			case x.Kind != jsval.Boolean:
				w.attr(name, x.String()) // strings, numbers, BigInts; objects are dropped
			case x.Bool:
				w.emptyAttr(name)
			}
		}
	}
	w.vtAttrs()
	w.b = append(w.b, '>')
	if innerHTML != nil {
		w.b = append(w.b, *innerHTML...)
	} else if err := w.childrenOf(el); err != nil {
		return err
	}
	w.b = append(w.b, "</"...)
	w.b = append(w.b, el.Tag...)
	w.b = append(w.b, '>')
	w.lastText = false
	return nil
}
