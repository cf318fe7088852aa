package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"sync"
)

// What the public cached functions (gorsc.Cached, gorsc.CachedBy) need
// besides the cache itself: their names registered once, their keys, and
// the checks of tags and key types.

var names struct {
	sync.Mutex
	at map[string]string // name → file:line of its definition
}

// Define registers a cached function's name, defined at at ("file:line"),
// and returns its Def with the default lifetime. It panics with a gorsc:
// message when the name is empty, holds a NUL byte or is taken (two
// functions of one name would share values).
func Define(name, at string) *Def {
	if name == "" || strings.ContainsRune(name, 0) {
		panic(fmt.Sprintf("gorsc: cached function at %s: the name is empty or holds a NUL byte", at))
	}
	names.Lock()
	defer names.Unlock()
	if prev, ok := names.at[name]; ok {
		panic(fmt.Sprintf("gorsc: cached function %q at %s: the name is taken by the one at %s; the two would share values", name, at, prev))
	}
	if names.at == nil {
		names.at = map[string]string{}
	}
	names.at[name] = at
	return &Def{Name: name, Life: DefaultLife}
}

// Key is the key of name's value for the key argument k: the string
// itself, or Go's %#v of any other value type (type and fields), hashed
// (SHA-256, hex) when longer than 200 bytes.
func Key(name string, k any) string {
	var s string
	if ks, ok := k.(string); ok {
		s = ks
	} else {
		s = fmt.Sprintf("%#v", k)
	}
	if len(s) > 200 {
		h := sha256.Sum256([]byte(s))
		s = "#" + hex.EncodeToString(h[:])
	}
	return name + "\x00" + s
}

// CheckKeyType reports why t cannot be a key type: it holds pointers,
// channels, functions, interfaces, maps or slices (their values say
// nothing of what they point to). The error names the offending field.
func CheckKeyType(t reflect.Type) error { return checkKeyType(t, "") }

func checkKeyType(t reflect.Type, path string) error {
	switch t.Kind() {
	case reflect.Pointer, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer, reflect.Map, reflect.Slice:
		if path == "" {
			return fmt.Errorf("a %s is no key", t.Kind())
		}
		return fmt.Errorf("field %s is a %s", path, t.Kind())
	case reflect.Array:
		return checkKeyType(t.Elem(), path+"[]")
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if err := checkKeyType(f.Type, strings.TrimPrefix(path+"."+f.Name, ".")); err != nil {
				return err
			}
		}
	}
	return nil
}

// ValidTags returns the tags that CheckTag accepts.
func ValidTags(tags []string) []string {
	out := tags[:0:0]
	for _, t := range tags {
		if CheckTag(t) == nil {
			out = append(out, t)
		}
	}
	return out
}

// RevalidatePath expires, in ctx's cache, the values read by renders of
// pages at or below path (their implicit path tags), and returns the
// path as a clean URL path ("/todos" for "todos/?x=1").
func RevalidatePath(ctx context.Context, path string) string {
	if u, err := url.Parse(path); err == nil {
		path = u.Path
	}
	path = "/" + strings.Trim(path, "/")
	if c := From(ctx); c != nil {
		c.Invalidate(ctx, []string{PathTag(path)}, true)
	}
	return path
}
