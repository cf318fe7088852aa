// Package html has typed helpers for the host elements and attributes of
// server components:
//
//	html.Ul(html.Class("todos"),
//		gorsc.Map(todos, func(t Todo) gorsc.Node {
//			return html.Li(gorsc.Key(t.ID), html.Text(t.Title))
//		}),
//	)
//
// Element functions take attributes, keys and children in any order; nil
// is ignored. Attribute names are React's prop names (className, htmlFor,
// charSet), which gorsc writes as HTML attributes the way react-dom does.
package html

import (
	"fmt"
	"strconv"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/internal/tree"
)

// El returns the element tag with the given attributes and children. Use
// it for tags this package has no function for.
func El(tag string, nodes ...gorsc.Node) gorsc.Node { return tree.El(tag, nodes...) }

// Text is a text node.
func Text(s string) gorsc.Node { return tree.NewText(s) }

// Textf is a text node formatted with fmt.Sprintf.
func Textf(format string, args ...any) gorsc.Node { return tree.Text(fmt.Sprintf(format, args...)) }

// Int is a text node holding n in decimal.
func Int(n int) gorsc.Node { return tree.NewText(strconv.Itoa(n)) }

// Attr sets the prop name to value. value may be a string, a bool, a
// number, a map for style, or a server action; nil leaves the prop out.
func Attr(name string, value any) gorsc.Node { return tree.Attr{Name: name, Value: value} }

// Class sets the class attribute (React's className).
func Class(c string) gorsc.Node { return tree.StrAttr("className", c) }

// ID sets the id attribute.
func ID(id string) gorsc.Node { return tree.StrAttr("id", id) }

// Style sets inline styles from property names in camelCase or CSS case
// ("fontSize" or "font-size", "--custom") to values. Numbers get "px"
// unless the property is unitless (like opacity or zIndex) or the number
// is 0. Properties are written in sorted order.
func Style(props map[string]any) gorsc.Node { return Attr("style", props) }

// Href sets the href attribute.
func Href(url string) gorsc.Node { return tree.StrAttr("href", url) }

// Src sets the src attribute.
func Src(url string) gorsc.Node { return tree.StrAttr("src", url) }

// Alt sets the alt attribute.
func Alt(s string) gorsc.Node { return tree.StrAttr("alt", s) }

// Name sets the name attribute.
func Name(n string) gorsc.Node { return tree.StrAttr("name", n) }

// Value sets the value attribute.
func Value(v string) gorsc.Node { return tree.StrAttr("value", v) }

// Type sets the type attribute.
func Type(t string) gorsc.Node { return tree.StrAttr("type", t) }

// Placeholder sets the placeholder attribute.
func Placeholder(p string) gorsc.Node { return tree.StrAttr("placeholder", p) }

// For sets the for attribute of a label (React's htmlFor).
func For(id string) gorsc.Node { return tree.StrAttr("htmlFor", id) }

// Lang sets the lang attribute.
func Lang(l string) gorsc.Node { return tree.StrAttr("lang", l) }

// Rel sets the rel attribute.
func Rel(r string) gorsc.Node { return tree.StrAttr("rel", r) }

// Content sets the content attribute of a meta element.
func Content(c string) gorsc.Node { return tree.StrAttr("content", c) }

// CharSet sets the charset attribute of a meta element.
func CharSet(c string) gorsc.Node { return tree.StrAttr("charSet", c) }

// Role sets the role attribute.
func Role(r string) gorsc.Node { return tree.StrAttr("role", r) }

// Target sets the target attribute.
func Target(t string) gorsc.Node { return tree.StrAttr("target", t) }

// TitleAttr sets the title attribute (the tooltip), not the <title> element.
func TitleAttr(t string) gorsc.Node { return tree.StrAttr("title", t) }

// TabIndex sets the tabindex attribute.
func TabIndex(i int) gorsc.Node { return Attr("tabIndex", i) }

// Data sets the data-name attribute. Booleans are written as "true"/"false".
func Data(name string, value any) gorsc.Node { return Attr("data-"+name, value) }

// Aria sets the aria-name attribute. Booleans are written as "true"/"false".
func Aria(name string, value any) gorsc.Node { return Attr("aria-"+name, value) }

// Disabled sets the boolean disabled attribute.
func Disabled() gorsc.Node { return Attr("disabled", true) }

// Required sets the boolean required attribute.
func Required() gorsc.Node { return Attr("required", true) }

// Checked makes a checkbox or radio input checked when first shown.
func Checked() gorsc.Node { return Attr("defaultChecked", true) }

// ReadOnly sets the boolean readonly attribute.
func ReadOnly() gorsc.Node { return Attr("readOnly", true) }

// Hidden sets the boolean hidden attribute.
func Hidden() gorsc.Node { return Attr("hidden", true) }

// AutoFocus sets the boolean autofocus attribute.
func AutoFocus() gorsc.Node { return Attr("autoFocus", true) }

// Multiple sets the boolean multiple attribute.
func Multiple() gorsc.Node { return Attr("multiple", true) }

// DefaultValue sets the initial value of an input, a textarea or a select.
func DefaultValue(v string) gorsc.Node { return tree.StrAttr("defaultValue", v) }

// Action makes a form submit to a server action. With JavaScript the
// browser runtime calls the action without a page load; without it the
// form posts to the page, which calls the action and redirects back.
func Action(a *gorsc.ServerAction) gorsc.Node { return Attr("action", a) }

// FormAction makes a submit button call a server action instead of its
// form's action.
func FormAction(a *gorsc.ServerAction) gorsc.Node { return Attr("formAction", a) }

// ActionURL sets a form's action to a plain URL.
func ActionURL(url string) gorsc.Node { return tree.StrAttr("action", url) }

// Method sets a form's method (ignored when the action is a server action).
func Method(m string) gorsc.Node { return tree.StrAttr("method", m) }

// DangerouslySetInnerHTML writes html into the element unescaped. Never
// pass it text that a user controls.
func DangerouslySetInnerHTML(html string) gorsc.Node {
	return Attr("dangerouslySetInnerHTML", html)
}
