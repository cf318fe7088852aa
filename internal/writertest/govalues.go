package writertest

import (
	"encoding/json"
	"math"
	"math/big"
	"net/netip"
	"time"
)

// Go values used by cases through {"$go": "name", "js": …}: natural Go
// types whose Flight form React must read as the case's "js" value.

type address struct {
	City string `json:"city"`
	Zip  string `json:"zip,omitempty"`
}

type user struct {
	Name     string    `json:"name"`
	Email    string    `json:"email,omitempty"`
	Age      int       `json:"age"`
	Password string    `json:"-"`
	Created  time.Time `json:"created"`
	Tags     []string  `json:"tags"`
	Nick     *string   `json:"nick"`
	Address  address   `json:"address"`
	Score    float64   `json:"score,omitzero"`
	NoTag    bool
	private  int
}

type base struct {
	ID   int    `json:"id"`
	Kind string `json:"kind"`
}

type withEmbedded struct {
	base
	*address
	Title string `json:"title"`
}

type money struct {
	Amount   *big.Int `json:"amount"`
	Currency string   `json:"currency"`
}

type rawHolder struct {
	Raw json.RawMessage `json:"raw"`
	IP  netip.Addr      `json:"ip"`
}

type nodeHolder struct {
	Items []address          `json:"items"`
	ByID  map[int]string     `json:"byId"`
	Flags map[string]bool    `json:"flags"`
	Any   []any              `json:"any"`
	Deep  map[string][]int32 `json:"deep"`
	Ptr   *address           `json:"ptr"`
	Nil   []string           `json:"nil"`
	Empty []string           `json:"empty"`
}

// Scalar types outside the few a type switch names: both writers must
// write them as the JavaScript values the Flight writer sends.
type (
	label string
	flag  bool
	color int
)

func (c color) String() string { return [...]string{"red", "green", "blue"}[c] }

func init() {
	GoValues["attr-named-string"] = label("hello")
	GoValues["attr-uint"] = uint(7)
	GoValues["attr-int32"] = int32(-5)
	GoValues["attr-float32"] = float32(0.1)
	GoValues["attr-u64big"] = uint64(1<<64 - 1)
	GoValues["attr-i64big"] = int64(-(1 << 60))
	GoValues["attr-flag-true"] = flag(true)
	GoValues["attr-flag-false"] = flag(false)
	GoValues["attr-color"] = color(2)
	GoValues["attr-strings"] = []string{"a", "b"}
	GoValues["attr-mixed"] = []any{1, nil, "x", []int{2, 3}}
	GoValues["style-ints"] = map[string]int{"height": 10, "zIndex": 2}
	GoValues["style-typed"] = map[string]any{"flexGrow": int8(1), "height": uint64(1 << 60), "left": label(" 3em "),
		"opacity": float32(0.5), "top": math.Copysign(0, -1), "width": uint(5)}
	GoValues["style-labels"] = map[label]label{"color": "red", "margin": "0 auto"}
}

// treeNode points back to its parent: a cycle that React sends as a path
// reference.
type treeNode struct {
	Name   string      `json:"name"`
	Parent *treeNode   `json:"parent"`
	Kids   []*treeNode `json:"kids"`
}

func init() {
	u := &address{City: "X"}
	GoValues["shared-pointer"] = map[string]any{"a": u, "b": u}
	root := &treeNode{Name: "root"}
	root.Kids = []*treeNode{{Name: "a", Parent: root}}
	GoValues["parent-pointer"] = root
	s := []address{{City: "A"}}
	GoValues["shared-slice"] = map[string]any{"a": s, "b": s, "c": []address{{City: "A"}}}

	nick := "gopher"
	GoValues["user"] = user{
		Name: "Ada", Age: 36, Password: "hunter2",
		Created: time.Date(2024, 1, 2, 3, 4, 5, 6_000_000, time.UTC),
		Tags:    []string{"a", "$b"}, Address: address{City: "Paris"}, NoTag: true, private: 1,
	}
	GoValues["user-ptr"] = &user{Name: "Bob", Nick: &nick, Email: "b@x", Score: 1.5,
		Created: time.Date(1999, 12, 31, 23, 59, 59, 0, time.FixedZone("X", 3600)),
		Address: address{City: "Oslo", Zip: "0150"}}
	GoValues["embedded"] = withEmbedded{base: base{ID: 7, Kind: "k"}, address: &address{City: "Rome"}, Title: "t"}
	GoValues["embedded-nil"] = withEmbedded{base: base{ID: 8}, Title: "u"}
	GoValues["money"] = money{Amount: new(big.Int).Lsh(big.NewInt(1), 80), Currency: "EUR"}
	GoValues["raw"] = rawHolder{Raw: json.RawMessage(`{"z":1,"a":["$x",null,true]}`), IP: netip.MustParseAddr("10.0.0.1")}
	GoValues["collections"] = nodeHolder{
		Items: []address{{City: "A"}, {City: "B", Zip: "2"}},
		ByID:  map[int]string{10: "ten", 2: "two"},
		Flags: map[string]bool{"b": false, "a": true},
		Any:   []any{1, "x", nil, 2.5, []int{1}},
		Deep:  map[string][]int32{"k": {1, -2}},
		Empty: []string{},
	}
	GoValues["ints"] = map[string]any{
		"i8": int8(-128), "u8": uint8(255), "i64max": int64(1<<53 - 1), "i64big": int64(1 << 60),
		"u64big": uint64(1<<64 - 1), "neg": int64(-(1 << 62)), "f32": float32(0.1), "u": uint(7),
	}
	GoValues["time-extended"] = map[string]time.Time{
		"epoch": time.Unix(0, 0), "y10000": time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		"ms": time.Date(2020, 2, 29, 12, 0, 0, 999_999_999, time.UTC),
	}
	GoValues["bytes-array"] = map[string]any{"hash": [4]byte{0xde, 0xad, 0xbe, 0xef}, "nil": []byte(nil)}
	GoValues["string-map"] = map[string]string{"z": "last", "a": "first", "$k": "$v", "m": ""}
}
