package fizz

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/gorsc/gorsc/internal/jsval"
	"github.com/gorsc/gorsc/internal/tree"
)

// booleanAttrs are written as name="" when true and dropped when false.
var booleanAttrs = map[string]bool{
	"allowFullScreen": true, "async": true, "autoPlay": true, "controls": true,
	"credentialless": true, "default": true, "defer": true, "disabled": true,
	"disablePictureInPicture": true, "disableRemotePlayback": true,
	"formNoValidate": true, "hidden": true, "inert": true, "loop": true,
	"noModule": true, "noValidate": true, "open": true, "playsInline": true,
	"readOnly": true, "required": true, "reversed": true, "scoped": true,
	"seamless": true, "itemScope": true,
}

// booleanishAttrs keep "true"/"false" strings for booleans.
var booleanishAttrs = map[string]bool{
	"contentEditable": true, "spellCheck": true, "draggable": true, "value": true,
	"autoReverse": true, "externalResourcesRequired": true, "focusable": true,
	"preserveAlpha": true,
}

// renamed holds React prop names written under another attribute name.
var renamed = map[string]string{
	"className": "class", "htmlFor": "for", "httpEquiv": "http-equiv",
	"acceptCharset": "accept-charset", "crossOrigin": "crossorigin",
	"tabIndex": "tabindex", "xlinkActuate": "xlink:actuate",
	"xlinkArcrole": "xlink:arcrole", "xlinkHref": "xlink:href",
	"xlinkRole": "xlink:role", "xlinkShow": "xlink:show",
	"xlinkTitle": "xlink:title", "xlinkType": "xlink:type",
	"xmlBase": "xml:base", "xmlLang": "xml:lang", "xmlSpace": "xml:space",
}

// kebabAttrs are the SVG presentation and font attributes React writes in
// kebab case (strokeWidth → stroke-width) on any element: react-dom/server's
// alias table, listed here by their React names.
var kebabAttrs = strings.Fields(`accentHeight alignmentBaseline arabicForm baselineShift
	capHeight clipPath clipRule colorInterpolation colorInterpolationFilters colorProfile
	colorRendering dominantBaseline enableBackground fillOpacity fillRule floodColor
	floodOpacity fontFamily fontSize fontSizeAdjust fontStretch fontStyle fontVariant
	fontWeight glyphName glyphOrientationHorizontal glyphOrientationVertical horizAdvX
	horizOriginX imageRendering letterSpacing lightingColor markerEnd markerMid markerStart
	maskType overlinePosition overlineThickness paintOrder pointerEvents renderingIntent
	shapeRendering stopColor stopOpacity strikethroughPosition strikethroughThickness
	strokeDasharray strokeDashoffset strokeLinecap strokeLinejoin strokeMiterlimit
	strokeOpacity strokeWidth textAnchor textDecoration textRendering transformOrigin
	underlinePosition underlineThickness unicodeBidi unicodeRange unitsPerEm vAlphabetic
	vHanging vIdeographic vMathematical vectorEffect vertAdvY vertOriginX vertOriginY
	wordSpacing writingMode xHeight`)

func init() {
	for _, name := range kebabAttrs {
		renamed[name] = hyphenate(name)
	}
	renamed["xmlnsXlink"] = "xmlns:xlink"
}

var validAttrName = regexp.MustCompile(`^[:A-Z_a-z\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{02FF}\x{0370}-\x{037D}\x{037F}-\x{1FFF}\x{200C}-\x{200D}\x{2070}-\x{218F}\x{2C00}-\x{2FEF}\x{3001}-\x{D7FF}\x{F900}-\x{FDCF}\x{FDF0}-\x{FFFD}][:A-Z_a-z\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{02FF}\x{0370}-\x{037D}\x{037F}-\x{1FFF}\x{200C}-\x{200D}\x{2070}-\x{218F}\x{2C00}-\x{2FEF}\x{3001}-\x{D7FF}\x{F900}-\x{FDCF}\x{FDF0}-\x{FFFD}\-.0-9\x{00B7}\x{0300}-\x{036F}\x{203F}-\x{2040}]*$`)

// isAttrNameSafe is React's attribute-name check: ASCII names are checked
// by hand (the hot path), others by the full pattern.
func isAttrNameSafe(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 0x80:
			return validAttrName.MatchString(name)
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == ':':
		case i > 0 && (c >= '0' && c <= '9' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// attrString returns the text React writes for a prop value: JavaScript's
// String() of the value the browser decodes from its Flight form (see
// internal/jsval, which the Flight writer shares). It reports false for
// values React drops or gorsc cannot know the text of (nil, functions,
// maps, structs), except that a fmt.Stringer writes its String().
func attrString(v any) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	if s, ok := jsval.ToString(v); ok {
		return s, true
	}
	if st, ok := v.(fmt.Stringer); ok && !tree.IsNil(asNode(v)) {
		return st.String(), true
	}
	return "", false
}

// asNode returns v as a tree.Node, or a non-nil marker when it is not one
// (so that only typed nil nodes are refused).
func asNode(v any) tree.Node {
	if n, ok := v.(tree.Node); ok {
		return n
	}
	return tree.Text("")
}

func jsNumber(f float64) string { return jsval.NumberString(f) }

// numeric returns JavaScript's Number(v), as React's isNaN and 1 <= v
// checks see it, and false when v has no number (nil, objects).
func numeric(v any) (float64, bool) {
	if x, ok := jsval.Of(v); ok {
		f := x.ToNumber()
		return f, !math.IsNaN(f)
	}
	if s, ok := jsval.ToString(v); ok { // an array: Number(String(array))
		f := jsval.StringToNumber(s)
		return f, !math.IsNaN(f)
	}
	return 0, false
}

const blockedJavaScriptURL = "javascript:throw new Error('React has blocked a javascript: URL as a security precaution.')"

// isJavaScriptURL mirrors React's check: leading C0 controls and spaces
// are ignored, tabs and newlines inside "javascript" are ignored, case is
// ignored.
func isJavaScriptURL(s string) bool {
	i := 0
	for i < len(s) && s[i] <= 0x20 {
		i++
	}
	want := "javascript:"
	j := 0
	for ; i < len(s) && j < len(want); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if c|0x20 != want[j] && c != want[j] {
			return false
		}
		j++
	}
	return j == len(want)
}

// stringAttr writes a string prop that React writes as it is (none of
// these is boolean, booleanish, renamed, a URL or an event), and reports
// whether name was one: otherwise writeAttr writes it.
func (w *writer) stringAttr(name, s string) bool {
	switch name {
	case "className":
		w.attr("class", s)
	case "id", "type", "name", "placeholder", "lang", "rel", "content", "role", "alt", "title":
		w.attr(name, s)
	default:
		return false
	}
	return true
}

// writeAttr appends one prop the way react-dom/server's pushAttribute does.
func (w *writer) writeAttr(name string, value any) {
	if s, ok := value.(string); ok && w.stringAttr(name, s) {
		return
	}
	if x, ok := jsval.Of(value); ok && x.Kind == jsval.Boolean {
		value = x.Bool // a named bool type is a boolean too
	}
	switch name {
	case "children", "dangerouslySetInnerHTML", "defaultValue", "defaultChecked",
		"innerHTML", "suppressContentEditableWarning", "suppressHydrationWarning", "ref", "key":
		return
	case "style":
		w.writeStyle(value)
		return
	case "data":
		if w.tag != "object" {
			break
		}
		// <object data> is a URL too: React blocks javascript: and drops "".
		if s, ok := attrString(value); ok && s != "" {
			if isJavaScriptURL(s) {
				s = blockedJavaScriptURL
			}
			w.attr("data", s)
		}
		return
	case "src", "href", "action", "formAction", "xlinkHref":
		s, ok := value.(string)
		if !ok {
			if _, isBool := value.(bool); isBool {
				return
			}
			if s, ok = attrString(value); !ok {
				return
			}
		}
		if s == "" && (name == "src" || (name == "href" && w.tag != "a")) {
			return // React drops empty URLs, but keeps <a href="">
		}
		if isJavaScriptURL(s) {
			s = blockedJavaScriptURL
		}
		if name == "xlinkHref" {
			name = "xlink:href"
		}
		w.attr(name, s)
		return
	case "autoFocus", "multiple", "muted":
		if truthy(value) {
			w.emptyAttr(strings.ToLower(name))
		}
		return
	case "capture", "download":
		switch v := value.(type) {
		case bool:
			if v {
				w.emptyAttr(name)
			}
		default:
			if s, ok := attrString(v); ok {
				w.attr(name, s)
			}
		}
		return
	case "cols", "rows", "size", "span":
		if f, ok := numeric(value); ok && f >= 1 {
			if s, ok := attrString(value); ok {
				w.attr(name, s)
			}
		}
		return
	case "rowSpan", "start":
		if _, ok := numeric(value); ok {
			if s, ok := attrString(value); ok {
				w.attr(name, s)
			}
		}
		return
	}
	if booleanAttrs[name] {
		if truthy(value) {
			w.emptyAttr(name)
		}
		return
	}
	if booleanishAttrs[name] {
		if s, ok := attrString(value); ok {
			w.attr(name, s)
		}
		return
	}
	if len(name) > 2 && (name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N') {
		return // event handlers never reach HTML
	}
	if alias, ok := renamed[name]; ok {
		name = alias
	}
	if !isAttrNameSafe(name) {
		return
	}
	if _, isBool := value.(bool); isBool {
		p := strings.ToLower(name)
		if !strings.HasPrefix(p, "data-") && !strings.HasPrefix(p, "aria-") {
			return
		}
	}
	if s, ok := attrString(value); ok {
		w.attr(name, s)
	}
}

// truthy is JavaScript's truthiness of the value the browser decodes.
func truthy(v any) bool { return jsval.Truthy(v) }

func (w *writer) attr(name, value string) {
	b := append(w.b, ' ')
	b = append(b, name...)
	b = append(b, '=', '"')
	b = appendEscaped(b, value)
	w.b = append(b, '"')
}

func (w *writer) emptyAttr(name string) {
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, `=""`...)
}

// unitless lists the style properties whose numbers get no "px":
// react-dom/server's list, vendor-prefixed names included as it lists them
// (only these; WebKitBoxFlexGroup is spelled so there).
var unitless = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.Fields(`animationIterationCount aspectRatio borderImageOutset
	borderImageSlice borderImageWidth boxFlex boxFlexGroup boxOrdinalGroup columnCount columns
	flex flexGrow flexPositive flexShrink flexNegative flexOrder gridArea gridRow gridRowEnd
	gridRowSpan gridRowStart gridColumn gridColumnEnd gridColumnSpan gridColumnStart fontWeight
	lineClamp lineHeight opacity order orphans scale tabSize widows zIndex zoom fillOpacity
	floodOpacity stopOpacity strokeDasharray strokeDashoffset strokeMiterlimit strokeOpacity
	strokeWidth MozAnimationIterationCount MozBoxFlex MozBoxFlexGroup MozLineClamp
	msAnimationIterationCount msFlex msZoom msFlexGrow msFlexNegative msFlexOrder
	msFlexPositive msFlexShrink msGridColumn msGridColumnSpan msGridRow msGridRowSpan
	WebkitAnimationIterationCount WebkitBoxFlex WebKitBoxFlexGroup WebkitBoxOrdinalGroup
	WebkitColumnCount WebkitColumns WebkitFlex WebkitFlexGrow WebkitFlexPositive
	WebkitFlexShrink WebkitLineClamp`) {
		m[p] = true
	}
	return m
}()

// styleEntry is one declaration of a style object.
type styleEntry struct {
	Name  string
	Value any
}

// styleEntries returns the declarations of a style value in write order:
// a map with string keys (of any key and value types) in the order the
// Flight writer sends its keys (jsval.CompareKeys), so that the browser's
// object and this HTML agree.
func styleEntries(v any) []styleEntry {
	switch v := v.(type) {
	case map[string]any:
		out := make([]styleEntry, 0, len(v))
		for k, x := range v {
			out = append(out, styleEntry{k, x})
		}
		slices.SortFunc(out, func(a, b styleEntry) int { return jsval.CompareKeys(a.Name, b.Name) })
		return out
	case nil:
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Map || rv.Type().Key().Kind() != reflect.String {
		return nil
	}
	out := make([]styleEntry, 0, rv.Len())
	for it := rv.MapRange(); it.Next(); {
		out = append(out, styleEntry{it.Key().String(), it.Value().Interface()})
	}
	slices.SortFunc(out, func(a, b styleEntry) int { return jsval.CompareKeys(a.Name, b.Name) })
	return out
}

var upperRun = regexp.MustCompile(`([A-Z])`)

// hyphenate turns a camelCase style name into its CSS name.
func hyphenate(name string) string {
	if strings.HasPrefix(name, "--") {
		return name
	}
	if !hasUpper(name) && !strings.HasPrefix(name, "ms-") {
		return name // already CSS case ("display", "font-size")
	}
	s := upperRun.ReplaceAllString(name, "-$1")
	s = strings.ToLower(s)
	if strings.HasPrefix(s, "ms-") {
		s = "-" + s
	}
	return s
}

// hasUpper reports whether s may hold an upper-case letter: an ASCII
// one, or any non-ASCII byte.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' || s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// styleValue returns the CSS text React writes for one style value, and
// false for values it skips (null, booleans, ""): a number gets "px"
// unless it is 0 (either zero: String(-0) is "0") or the property is
// unitless or custom; anything else is its String(), trimmed.
func styleValue(name string, v any) (string, bool) {
	if x, ok := jsval.Of(v); ok {
		switch x.Kind {
		case jsval.Boolean:
			return "", false
		case jsval.Number:
			if x.Num == 0 || unitless[name] || strings.HasPrefix(name, "--") {
				return x.String(), true
			}
			return x.String() + "px", true
		case jsval.String:
			if x.Str == "" {
				return "", false
			}
		}
		return strings.TrimFunc(x.String(), isJSSpace), true
	}
	s, ok := attrString(v)
	if !ok {
		return "", false
	}
	return strings.TrimFunc(s, isJSSpace), true
}

// isJSSpace is the white space JavaScript's trim removes.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

func (w *writer) writeStyle(v any) {
	if s, ok := v.(string); ok {
		// React requires an object; a string is a programmer error that
		// React reports at render. Write nothing rather than guess.
		_ = s
		return
	}
	entries := styleEntries(v)
	start := len(w.b)
	w.b = append(w.b, ` style="`...)
	wrote := false
	for _, e := range entries {
		val, ok := styleValue(e.Name, e.Value)
		if !ok {
			continue
		}
		if wrote {
			w.b = append(w.b, ';')
		}
		wrote = true
		w.b = appendEscaped(w.b, hyphenate(e.Name))
		w.b = append(w.b, ':')
		w.b = appendEscaped(w.b, val)
	}
	if !wrote {
		w.b = w.b[:start]
		return
	}
	w.b = append(w.b, '"')
}
