package flight

import (
	"strings"

	"github.com/gorsc/gorsc/internal/jsonx"
	"github.com/gorsc/gorsc/internal/tree"
)

// Format contexts of host elements, as React's Flight server tracks them
// (getChildFormatContext): inside <noscript> and <picture> no resource
// hints are written, and the children of the element that enters such a
// context are written as a row of their own.
const (
	inNoscript = 1
	inPicture  = 2
)

func childContext(ctx int, tag string) int {
	switch tag {
	case "noscript":
		return ctx | inNoscript
	case "picture":
		return ctx | inPicture
	}
	return ctx
}

func attrOf(el *tree.Element, name string) (any, bool) {
	for _, a := range el.Attrs() {
		if a.Name == name && a.Value != nil {
			return a.Value, true
		}
	}
	return nil, false
}

func attrStr(el *tree.Element, name string) (string, bool) {
	v, ok := attrOf(el, name)
	s, isStr := v.(string)
	return s, ok && isStr
}

// hintOpt is one option of a hint; absent options are left out, as
// React's trimOptions does.
type hintOpt struct {
	name  string
	value string
	ok    bool
}

func opts(el *tree.Element, names ...string) []hintOpt {
	out := make([]hintOpt, len(names))
	for i, n := range names {
		prop, key, _ := strings.Cut(n, "=")
		if key == "" {
			key = prop
		}
		v, ok := attrStr(el, prop)
		out[i] = hintOpt{key, v, ok}
	}
	return out
}

// elementHints writes the resource hints (:H rows) React's Flight server
// writes for a host element it renders (doc/wire.md §1.6): a preload for
// a non-lazy <img>, and preloads for <link rel=preload|modulepreload|
// stylesheet>. Each hint is written once per response.
func (e *Encoder) elementHints(el *tree.Element, ctx int) {
	if e.plain {
		return
	}
	switch el.Tag {
	case "img":
		src, srcOK := attrOf(el, "src")
		srcSet, setOK := attrOf(el, "srcSet")
		srcS, srcIsStr := src.(string)
		setS, setIsStr := srcSet.(string)
		if loading, _ := attrStr(el, "loading"); loading == "lazy" {
			return
		}
		if (!srcOK || srcS == "") && (!setOK || setS == "") && !(srcOK && !srcIsStr) && !(setOK && !setIsStr) {
			return
		}
		if (srcOK && !srcIsStr) || (setOK && !setIsStr) || ctx&(inNoscript|inPicture) != 0 {
			return
		}
		if fp, _ := attrStr(el, "fetchPriority"); fp == "low" {
			return
		}
		if isDataURL(srcS) || isDataURL(setS) {
			return
		}
		o := opts(el, "srcSet=imageSrcSet", "sizes=imageSizes", "crossOrigin", "integrity", "type", "fetchPriority", "referrerPolicy")
		if !setIsStr {
			o[0].ok = false
		}
		if co := o[2]; co.ok && co.value != "use-credentials" {
			o[2].value = ""
		}
		e.preload(srcS, "image", o)
	case "link":
		if ctx&inNoscript != 0 {
			return
		}
		if _, ok := attrOf(el, "itemProp"); ok {
			return
		}
		rel, relOK := attrStr(el, "rel")
		href, hrefOK := attrStr(el, "href")
		if !relOK || !hrefOK || href == "" {
			return
		}
		switch rel {
		case "preload":
			as, _ := attrStr(el, "as")
			e.preload(href, as, opts(el, "crossOrigin", "integrity", "nonce", "type", "fetchPriority", "referrerPolicy", "imageSrcSet", "imageSizes", "media"))
		case "modulepreload":
			e.hint("m|"+href, 'm', href, "", false, opts(el, "as", "crossOrigin", "integrity", "nonce"))
		case "stylesheet":
			e.preload(href, "style", opts(el, "crossOrigin", "integrity", "nonce", "type", "fetchPriority", "referrerPolicy", "media"))
		}
	}
}

func isDataURL(s string) bool {
	return len(s) > 4 && s[4] == ':' && strings.EqualFold(s[:4], "data")
}

// preload writes :HL[href,as] or :HL[href,as,{options}].
func (e *Encoder) preload(href, as string, o []hintOpt) {
	key := "L"
	if as == "image" {
		var set, sizes hintOpt
		for _, x := range o {
			switch x.name {
			case "imageSrcSet":
				set = x
			case "imageSizes":
				sizes = x
			}
		}
		if set.ok && set.value != "" {
			key += "[image][" + set.value + "]"
			if sizes.ok {
				key += "[" + sizes.value + "]"
			}
		} else {
			key += "[image][][]" + href
		}
	} else {
		key += "[" + as + "]" + href
	}
	e.hint(key, 'L', href, as, true, o)
}

// hint appends one hint row unless key was written already: with as, the
// model is [href,as(,options)], else href or [href,options].
func (e *Encoder) hint(key string, code byte, href, as string, withAs bool, o []hintOpt) {
	if e.hintKeys[key] {
		return
	}
	if e.hintKeys == nil {
		e.hintKeys = map[string]bool{}
	}
	e.hintKeys[key] = true
	var ob []byte
	for _, x := range o {
		if !x.ok {
			continue
		}
		if ob == nil {
			ob = append(ob, '{')
		} else {
			ob = append(ob, ',')
		}
		ob = jsonx.AppendString(ob, x.name)
		ob = append(ob, ':')
		ob = jsonx.AppendString(ob, x.value)
	}
	if ob != nil {
		ob = append(ob, '}')
	}
	b := append(e.hints, ":H"...)
	b = append(b, code)
	switch {
	case withAs:
		b = append(b, '[')
		b = jsonx.AppendString(b, href)
		b = append(b, ',')
		b = jsonx.AppendString(b, as)
		if ob != nil {
			b = append(b, ',')
			b = append(b, ob...)
		}
		b = append(b, ']')
	case ob != nil:
		b = append(b, '[')
		b = jsonx.AppendString(b, href)
		b = append(b, ',')
		b = append(b, ob...)
		b = append(b, ']')
	default:
		b = jsonx.AppendString(b, href)
	}
	e.hints = append(b, '\n')
}
