package tree

import (
	"hash/maphash"
	"sync/atomic"
	"unsafe"
)

// StrAttr returns the attribute name with the string value, as a node
// for an element constructor: an *Attr that El copies like an Attr.
//
// The same attributes come back on every request and on every row of a
// list (a class, a type), so short ones are kept in a small table and the
// node is shared instead of made again: building a page allocates one
// node less per attribute. The table has a fixed number of slots, each
// holding the last attribute that hashed to it; what it keeps is never
// changed, so sharing it is safe.
func StrAttr(name, value string) Node {
	if len(name)+len(value) > maxShared {
		return &Attr{Name: name, Value: value}
	}
	// Most values are constants of the caller's code (html.Class("item")):
	// the same bytes at the same address on every call. A kept value keeps
	// its bytes alive and unchanged, so a value with the same address and
	// length is the same string, found without hashing it.
	data := unsafe.StringData(value)
	pslot := &attrByAddr[(uintptr(unsafe.Pointer(data))>>3^uintptr(len(name)))%uintptr(len(attrByAddr))]
	if a := pslot.Load(); a != nil && unsafe.StringData(a.value) == data && len(a.value) == len(value) && a.name == name {
		return &a.attr
	}
	// Names are few (the html helpers'): their length is enough to tell
	// most apart, and the slot's name is compared anyway.
	h := maphash.String(attrSeed, value) ^ uint64(len(name))*0x9e3779b97f4a7c15
	slot := &attrTable[h%uint64(len(attrTable))]
	if a := slot.Load(); a != nil && a.name == name && a.value == value {
		if unsafe.StringData(a.value) == data {
			pslot.Store(a)
		}
		return &a.attr
	}
	a := &sharedAttr{name: name, value: value, attr: Attr{Name: name, Value: value}}
	slot.Store(a)
	pslot.Store(a)
	return &a.attr
}

// maxShared is the longest name and value StrAttr keeps, together.
const maxShared = 64

type sharedAttr struct {
	name, value string
	attr        Attr
}

var (
	attrSeed  = maphash.MakeSeed()
	attrTable [1024]atomic.Pointer[sharedAttr]
	// attrByAddr finds a kept attribute by its value's address (StrAttr).
	attrByAddr [512]atomic.Pointer[sharedAttr]
)
