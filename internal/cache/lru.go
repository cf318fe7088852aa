package cache

import (
	"container/list"
	"reflect"
	"sync"
	"unsafe"
)

// lru keeps entries in this process within a byte budget, dropping the
// least recently used first.
type lru struct {
	mu    sync.Mutex
	max   int64
	used  int64
	ll    list.List // of *entry; front: most recently used
	items map[string]*list.Element
}

func newLRU(max int64) *lru { return &lru{max: max, items: map[string]*list.Element{}} }

func (l *lru) get(key string) *entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	el, ok := l.items[key]
	if !ok {
		return nil
	}
	l.ll.MoveToFront(el)
	return el.Value.(*entry)
}

// put keeps e, unless an entry of a later load is kept already or e alone
// exceeds the budget, and drops the least recently used entries until the
// budget holds.
func (l *lru) put(e *entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if el, ok := l.items[e.key]; ok {
		old := el.Value.(*entry)
		if old.gen > e.gen {
			return
		}
		l.used -= old.size
		l.ll.Remove(el)
		delete(l.items, e.key)
	}
	if e.size > l.max {
		return
	}
	l.items[e.key] = l.ll.PushFront(e)
	l.used += e.size
	for l.used > l.max {
		back := l.ll.Back()
		old := back.Value.(*entry)
		l.ll.Remove(back)
		delete(l.items, old.key)
		l.used -= old.size
	}
}

func (l *lru) clear() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ll.Init()
	l.items = map[string]*list.Element{}
	l.used = 0
}

func (l *lru) size() (entries, bytes int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return int64(len(l.items)), l.used
}

// entryOverhead approximates what an entry costs besides its key, tags
// and value: the entry, its list element and map slot.
const entryOverhead = 192

func entrySize(e *entry) int64 {
	n := int64(entryOverhead + len(e.key))
	for _, t := range e.tags {
		n += int64(len(t)) + 16
	}
	return n + SizeOf(e.value)
}

// SizeOf approximates the bytes v holds: its own size and the memory
// reachable from it (string bytes, slice backing arrays, map entries,
// pointed-to values), each shared block counted once. It goes 64 levels
// deep at most.
func SizeOf(v any) int64 {
	if v == nil {
		return 0
	}
	rv := reflect.ValueOf(v)
	return int64(rv.Type().Size()) + deepSize(rv, map[uintptr]bool{}, 0)
}

// deepSize is what v holds outside its own inline size.
func deepSize(v reflect.Value, seen map[uintptr]bool, depth int) int64 {
	if depth > 64 {
		return 0
	}
	switch v.Kind() {
	case reflect.String:
		if v.Len() == 0 {
			return 0
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(v.String())))
		if seen[p] {
			return 0
		}
		seen[p] = true
		return int64(v.Len())
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return 0
		}
		seen[v.Pointer()] = true
		return int64(v.Elem().Type().Size()) + deepSize(v.Elem(), seen, depth+1)
	case reflect.Interface:
		if v.IsNil() {
			return 0
		}
		e := v.Elem()
		return int64(e.Type().Size()) + deepSize(e, seen, depth+1)
	case reflect.Slice:
		if v.IsNil() || v.Cap() == 0 || seen[v.Pointer()] {
			return 0
		}
		seen[v.Pointer()] = true
		n := int64(v.Cap()) * int64(v.Type().Elem().Size())
		if hasPointers(v.Type().Elem()) {
			for i := range v.Len() {
				n += deepSize(v.Index(i), seen, depth+1)
			}
		}
		return n
	case reflect.Array:
		var n int64
		if hasPointers(v.Type().Elem()) {
			for i := range v.Len() {
				n += deepSize(v.Index(i), seen, depth+1)
			}
		}
		return n
	case reflect.Map:
		if v.IsNil() || seen[v.Pointer()] {
			return 0
		}
		seen[v.Pointer()] = true
		t := v.Type()
		// Buckets hold keys and values with some slack, plus a header.
		n := int64(48) + int64(v.Len())*(int64(t.Key().Size())+int64(t.Elem().Size())+8)*3/2
		deep := hasPointers(t.Key()) || hasPointers(t.Elem())
		if deep {
			it := v.MapRange()
			for it.Next() {
				n += deepSize(it.Key(), seen, depth+1) + deepSize(it.Value(), seen, depth+1)
			}
		}
		return n
	case reflect.Struct:
		var n int64
		for i := range v.NumField() {
			n += deepSize(v.Field(i), seen, depth+1)
		}
		return n
	}
	return 0
}

func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return true
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}
