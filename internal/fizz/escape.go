package fizz

import (
	"encoding/base64"
	"strconv"
	"unicode/utf8"

	"github.com/gorsc/gorsc/internal/jsonx"
)

// appendEscaped escapes text and attribute values as React does:
// & < > " ' become &amp; &lt; &gt; &quot; &#x27;.
func appendEscaped(b []byte, s string) []byte {
	if n := len(b); len(s) <= 24 && cap(b)-n >= len(s) {
		// The common case, a short text with nothing to escape: copied
		// as it is checked.
		out := b[:n+len(s)]
		dst := out[n:]
		for i := range dst {
			c := s[i]
			if htmlSpecial[c] {
				return appendEscapes(b, s, i)
			}
			dst[i] = c
		}
		return out
	}
	i := 0
	for i < len(s) && !htmlSpecial[s[i]] {
		i++
	}
	if i == len(s) {
		return append(b, s...) // nothing to escape
	}
	return appendEscapes(b, s, i)
}

// appendEscapes is appendEscaped for s whose first byte to escape is at i.
func appendEscapes(b []byte, s string, i int) []byte {
	start := 0
	for ; i < len(s); i++ {
		if !htmlSpecial[s[i]] {
			continue
		}
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		default: // '\''
			rep = "&#x27;"
		}
		b = append(b, s[start:i]...)
		b = append(b, rep...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// htmlSpecial marks the bytes appendEscaped replaces.
var htmlSpecial = [256]bool{'&': true, '<': true, '>': true, '"': true, '\'': true}

func appendJSONString(b []byte, s string) []byte { return jsonx.AppendString(b, s) }

// AppendFlightScript appends an inline script that hands Flight rows to
// the browser runtime (internal/runtime/bootstrap.tsx reads self.__gorsc_f). The
// rows are a JavaScript template literal in which nothing can end the
// script (jsonx.AppendScriptTemplate); it adds far fewer bytes than a JSON
// string, which would escape every quote of the rows.
//
// Rows that are not valid UTF-8 (binary rows of typed arrays) would not
// survive a JavaScript string; they are pushed as {b: base64} instead.
func AppendFlightScript(b []byte, rows []byte) []byte {
	b = append(b, `<script>(self.__gorsc_f=self.__gorsc_f||[]).push(`...)
	b = appendPushed(b, rows)
	return append(b, ")</script>"...)
}

// AppendDOMRowScript appends a script that pushes a row for the browser
// runtime to rebuild from the DOM (internal/domrows): {d:`template`,h:hash},
// the template in AppendFlightScript's form. It belongs after the HTML of
// the row's element.
func AppendDOMRowScript(b []byte, template []byte, hash uint32) []byte {
	b = append(b, `<script>self.__gorsc_f.push({d:`...)
	b = jsonx.AppendScriptTemplateUTF8(b, template)
	b = append(b, ",h:"...)
	b = strconv.AppendUint(b, uint64(hash), 10)
	return append(b, "})</script>"...)
}

// AppendFormStateScript appends a script that sets self.__gorsc_fs to
// Flight rows whose row 0 is React's formState (internal/ssr
// EncodeFormState), in AppendFlightScript's form, for the browser runtime
// to pass to hydrateRoot. It belongs before the runtime's script.
func AppendFormStateScript(b []byte, rows []byte) []byte {
	b = append(b, `<script>self.__gorsc_fs=`...)
	b = appendPushed(b, rows)
	return append(b, "</script>"...)
}

// appendPushed appends rows as a pushed piece of Flight: a template
// literal when they are UTF-8, else {b:"base64"}.
func appendPushed(b []byte, rows []byte) []byte {
	if utf8.Valid(rows) {
		return jsonx.AppendScriptTemplateUTF8(b, rows)
	}
	b = append(b, `{b:"`...)
	b = base64.StdEncoding.AppendEncode(b, rows)
	return append(b, `"}`...)
}
