// Package jsonx appends JSON text the way JavaScript's JSON.stringify writes
// it, so that gorsc's output can be compared byte for byte with React's.
package jsonx

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// AppendString appends s as a JSON string literal. Like JSON.stringify it
// escapes only '"', '\\' and control characters; invalid UTF-8 becomes
// U+FFFD.
func AppendString(b []byte, s string) []byte {
	n := len(b)
	if len(s) <= 24 && cap(b)-n >= len(s)+2 {
		// The common case, a short string with nothing to escape (a tag,
		// a prop name, a class), copied as it is checked: eight bytes at
		// a time from eight bytes on, the last word overlapping the one
		// before (most of what the Flight writer writes goes through
		// here).
		out := b[:n+len(s)+2]
		dst := out[n+1 : n+1+len(s)]
		if len(s) >= 8 {
			const lo, hi = 0x0101010101010101, 0x8080808080808080
			for i := 0; ; i += 8 {
				if i > len(s)-8 {
					i = len(s) - 8
				}
				w := s[i : i+8]
				x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
					uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
				// A byte below 0x20 or from 0x80 up; then a zero byte of x^c.
				q, bs := x^(lo*'"'), x^(lo*'\\')
				if ((x-lo*0x20|x)|(q-lo)&^q|(bs-lo)&^bs)&hi != 0 {
					return appendEscapes(b, s, safeRun(s, 0, &jsonSafe, false), &jsonSafe, false)
				}
				binary.LittleEndian.PutUint64(dst[i:], x)
				if i+8 == len(s) {
					break
				}
			}
		} else {
			for i := 0; i < len(dst); i++ {
				c := s[i]
				if !jsonSafe[c] {
					return appendEscapes(b, s, i, &jsonSafe, false)
				}
				dst[i] = c
			}
		}
		out[n] = '"'
		out[len(out)-1] = '"'
		return out
	}
	return appendQuoted(b, s, false)
}

// appendQuoted writes a JSON string literal; with script it also escapes
// '<', U+2028 and U+2029, so the literal is safe inside an HTML <script>.
func appendQuoted(b []byte, s string, script bool) []byte {
	safe := &jsonSafe
	if script {
		safe = &scriptSafe
	}
	n := len(b)
	if len(s) <= 24 && cap(b)-n >= len(s)+2 {
		// The common case, a short string with nothing to escape (a tag,
		// a prop name, a class): copied as it is checked.
		out := b[:n+len(s)+2]
		dst := out[n+1 : n+1+len(s)]
		for i := range dst {
			c := s[i]
			if !safe[c] {
				return appendEscapes(b, s, i, safe, script)
			}
			dst[i] = c
		}
		out[n] = '"'
		out[n+1+len(s)] = '"'
		return out
	}
	i := safeRun(s, 0, safe, script)
	if i == len(s) {
		// Nothing to escape.
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return appendEscapes(b, s, i, safe, script)
}

// appendEscapes is appendQuoted for s whose first byte to escape is at i.
func appendEscapes(b []byte, s string, i int, safe *[256]bool, script bool) []byte {
	b = append(b, '"')
	start := 0
	for i < len(s) {
		i = safeRun(s, i, safe, script)
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"':
				b = append(b, '\\', '"')
			case '\\':
				b = append(b, '\\', '\\')
			case '<':
				b = append(b, `\u003c`...)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
		case script && r == '\u2028':
			b = append(b, s[start:i]...)
			b = append(b, `\u2028`...)
		case script && r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, `\u2029`...)
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// safeRun returns the index of the first byte of s from i on that is not
// safe (jsonSafe, or scriptSafe with script), or len(s): eight bytes at a
// time, then byte by byte.
func safeRun(s string, i int, safe *[256]bool, script bool) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// A byte below 0x20 or from 0x80 up; then a zero byte of x^c
		// (the test is exact for "any").
		bad := (x - lo*0x20 | x) & hi
		q, bs := x^(lo*'"'), x^(lo*'\\')
		bad |= (q-lo)&^q&hi | (bs-lo)&^bs&hi
		if script {
			lt := x ^ (lo * '<')
			bad |= (lt - lo) &^ lt & hi
		}
		if bad != 0 {
			break
		}
	}
	for i < len(s) && safe[s[i]] {
		i++
	}
	return i
}

// jsonSafe marks the bytes a JSON string holds as they are: printable
// ASCII but '"' and '\\'. scriptSafe also leaves out '<'.
var jsonSafe, scriptSafe = func() (j, s [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		j[c] = c != '"' && c != '\\'
		s[c] = j[c] && c != '<'
	}
	return j, s
}()

// AppendFloat appends a finite number the way JavaScript prints it
// (1, 1.5, 1e+21, 1e-7). It must not be called with NaN or ±Inf.
func AppendFloat(b []byte, f float64) []byte {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		// An integer (the common case: counts, ids): no float
		// formatting. -0 prints as 0, as in JavaScript.
		return strconv.AppendInt(b, int64(f), 10)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	abs := math.Abs(f)
	if abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(b, f, 'f', -1, 64)
	}
	// Exponent form: JavaScript writes 1e+21, 1.5e-7.
	s := strconv.AppendFloat(nil, f, 'e', -1, 64)
	for i, c := range s {
		if c == 'e' {
			mant, exp := s[:i], s[i+1:]
			b = append(b, mant...)
			b = append(b, 'e')
			sign := exp[0]
			digits := exp[1:]
			for len(digits) > 1 && digits[0] == '0' {
				digits = digits[1:]
			}
			b = append(b, sign)
			return append(b, digits...)
		}
	}
	return append(b, s...)
}

// AppendScriptString appends s as a JSON string literal that is also safe
// inside an HTML <script>: besides JSON's escapes, "<" becomes \u003c (so
// no "</script>" or "<!--" can appear) and U+2028/U+2029 are escaped.
func AppendScriptString(b []byte, s string) []byte {
	b = slices.Grow(b, len(s)+len(s)/8+2)
	return appendQuoted(b, s, true)
}

// AppendScriptTemplate appends s as a JavaScript template literal that is
// safe inside an HTML <script>. Unlike a JSON string it needs no escape for
// '"', which Flight rows are full of, so it stays close to the size of s.
// It escapes '\\', '`', "${", '<' (so no "</script>" or "<!--" appears),
// '\r' (which the HTML parser and template literals would otherwise turn
// into '\n') and NUL (which the HTML parser turns into U+FFFD inside a
// <script>); invalid UTF-8 becomes U+FFFD. Every other character reaches
// the script as it is: U+2028 and U+2029 are legal in template literals.
func AppendScriptTemplate(b []byte, s []byte) []byte {
	if !utf8.Valid(s) {
		return appendTemplateBytes(slices.Grow(b, len(s)+len(s)/32+2), s)
	}
	return AppendScriptTemplateUTF8(b, s)
}

// AppendScriptTemplateUTF8 is AppendScriptTemplate for s known to be
// valid UTF-8.
func AppendScriptTemplateUTF8(b []byte, s []byte) []byte {
	b = slices.Grow(b, len(s)+len(s)/32+2)
	// Valid UTF-8 needs escapes only at the few bytes (and "${") that
	// could end the literal or the script: find each kind with the
	// vectorized bytes.IndexByte / bytes.Index and copy the runs between
	// them, rather than looking at every byte.
	b = append(b, '`')
	var next [len(templateEscapes)]int
	for k := range next {
		next[k] = templateFind(s, 0, k)
	}
	start := 0
	for {
		k := 0
		for j := 1; j < len(next); j++ {
			if next[j] < next[k] {
				k = j
			}
		}
		i := next[k]
		if i == len(s) {
			break
		}
		b = append(b, s[start:i]...)
		b = append(b, templateEscapes[k].rep...)
		start = i + 1 // after "${", its '{' is copied with what follows
		next[k] = templateFind(s, start, k)
	}
	b = append(b, s[start:]...)
	return append(b, '`')
}

// templateEscapes are what AppendScriptTemplate escapes in valid UTF-8:
// the first byte of find, as rep.
var templateEscapes = [...]struct{ find, rep string }{
	{`\`, `\\`},
	{"`", "\\`"},
	{"${", `\$`},
	{"<", `\x3c`},
	{"\r", `\r`},
	{"\x00", `\x00`}, // not \0: "\0" and a digit is an octal escape, a syntax error
}

// templateFind returns the index of the next templateEscapes[k] in s
// from i on, or len(s).
func templateFind(s []byte, i, k int) int {
	var j int
	if f := templateEscapes[k].find; len(f) == 1 {
		j = bytes.IndexByte(s[i:], f[0])
	} else {
		j = bytes.Index(s[i:], []byte(f))
	}
	if j < 0 {
		return len(s)
	}
	return i + j
}

// appendTemplateBytes is AppendScriptTemplate for s that is not valid
// UTF-8 (b grown, nothing written yet), byte by byte.
func appendTemplateBytes(b []byte, s []byte) []byte {
	b = append(b, '`')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && !templateSpecial[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			var rep string
			switch {
			case c == '\\':
				rep = `\\`
			case c == '`':
				rep = "\\`"
			case c == '$':
				if i+1 >= len(s) || s[i+1] != '{' {
					i++
					continue
				}
				rep = `\$`
			case c == '<':
				rep = `\x3c`
			case c == 0:
				rep = `\x00` // not \0: "\0" and a digit is an octal escape, a syntax error
			default: // '\r'
				rep = `\r`
			}
			b = append(b, s[start:i]...)
			b = append(b, rep...)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '`')
}

// templateSpecial marks the bytes AppendScriptTemplate must look at.
var templateSpecial = func() (t [256]bool) {
	for _, c := range []byte{'\\', '`', '$', '<', '\r', 0} {
		t[c] = true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()
