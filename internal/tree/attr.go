package tree

import (
	"hash/maphash"
	"sync/atomic"
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
	// Names are few (the html helpers'): their length is enough to tell
	// most apart, and the slot's name is compared anyway.
	h := maphash.String(attrSeed, value) ^ uint64(len(name))*0x9e3779b97f4a7c15
	slot := &attrTable[h%uint64(len(attrTable))]
	if a := slot.Load(); a != nil && a.name == name && a.value == value {
		return &a.attr
	}
	a := &sharedAttr{name: name, value: value, attr: Attr{Name: name, Value: value}}
	slot.Store(a)
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
)
