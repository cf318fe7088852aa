package fizz

import "github.com/gorsc/gorsc/internal/jsonx"

// appendEscaped escapes text and attribute values as React does:
// & < > " ' become &amp; &lt; &gt; &quot; &#x27;.
func appendEscaped(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
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
		case '\'':
			rep = "&#x27;"
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, rep...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

func appendJSONString(b []byte, s string) []byte { return jsonx.AppendString(b, s) }

// AppendFlightScript appends an inline script that hands Flight rows to
// the browser runtime (client/bootstrap.tsx reads self.__gorsc_f). The
// rows are a JavaScript string literal in which "<", U+2028 and U+2029 are
// escaped, so no row can end the script or break the literal.
func AppendFlightScript(b []byte, rows []byte) []byte {
	b = append(b, `<script>(self.__gorsc_f=self.__gorsc_f||[]).push(`...)
	b = appendScriptSafe(b, jsonx.AppendString(nil, string(rows)))
	return append(b, ")</script>"...)
}

// appendScriptSafe appends a JSON literal with "<", U+2028 and U+2029
// escaped, so it can neither end a <script> nor break a JavaScript string.
func appendScriptSafe(b []byte, lit []byte) []byte {
	start := 0
	for i := 0; i < len(lit); i++ {
		var rep string
		switch {
		case lit[i] == '<':
			rep = `\u003c`
		case lit[i] == 0xE2 && i+2 < len(lit) && lit[i+1] == 0x80 && lit[i+2] == 0xA8:
			rep = `\u2028`
		case lit[i] == 0xE2 && i+2 < len(lit) && lit[i+1] == 0x80 && lit[i+2] == 0xA9:
			rep = `\u2029`
		default:
			continue
		}
		b = append(b, lit[start:i]...)
		b = append(b, rep...)
		if rep == `\u003c` {
			start = i + 1
		} else {
			start = i + 3
			i += 2
		}
	}
	return append(b, lit[start:]...)
}
