package reply

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// typicalBody is an encodeReply string body of about 1 KB: an order form
// as a client component would send it — nested objects, an array of line
// items, a Date, a BigInt, undefined, a deduplicated path reference.
func typicalBody() string {
	var items []string
	for i := range 8 {
		items = append(items, fmt.Sprintf(`{"sku":"SKU-%04d","name":"Widget number %d","qty":%d,"price":%d.99,"gift":%t}`, i, i, i+1, 10+i, i%2 == 0))
	}
	body := `[{"customer":{"name":"Ada Lovelace","email":"ada@example.com","phone":"+44 20 7946 0000"},` +
		`"shipping":{"street":"12 Analytical Row","city":"London","zip":"N1 9GU","country":"GB"},` +
		`"items":[` + strings.Join(items, ",") + `],` +
		`"note":"Leave at the door, please. $$ is fine.","due":"$D2026-05-01T12:00:00.000Z",` +
		`"total":"$n123456789012345678901234567890","coupon":"$undefined","express":true},"$0:0:shipping",42]`
	return body
}

type benchOrder struct {
	Customer struct {
		Name, Email, Phone string
	} `json:"customer"`
	Shipping map[string]string `json:"shipping"`
	Items    []struct {
		SKU   string  `json:"sku"`
		Name  string  `json:"name"`
		Qty   int     `json:"qty"`
		Price float64 `json:"price"`
		Gift  bool    `json:"gift"`
	} `json:"items"`
	Note    string    `json:"note"`
	Due     time.Time `json:"due"`
	Express bool      `json:"express"`
}

func BenchmarkDecodeArgs1KB(b *testing.B) {
	s := typicalBody()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		body := &Body{Fields: []Entry{{Name: "0", Value: s}}}
		if _, err := DecodeArgs(body, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeConvert1KB adds the conversion to the Go parameter types.
func BenchmarkDecodeConvert1KB(b *testing.B) {
	s := typicalBody()
	order := reflect.TypeFor[benchOrder]()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		body := &Body{Fields: []Entry{{Name: "0", Value: s}}}
		args, err := DecodeArgs(body, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Convert(args[0], order, "1"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeForm1KB decodes a no-JavaScript form post of about 1 KB:
// a bound reference and twelve text fields.
func BenchmarkDecodeForm1KB(b *testing.B) {
	fields := []Entry{
		{Name: "$ACTION_REF_1"},
		{Name: "$ACTION_1:0", Value: `{"id":"0123456789abcdef0123456789abcdef01234567","bound":"$@1"}`},
		{Name: "$ACTION_1:1", Value: `[42,"draft"]`},
	}
	for i := range 12 {
		fields = append(fields, Entry{Name: fmt.Sprintf("field%d", i), Value: strings.Repeat("x", 60)})
	}
	n := 0
	for _, f := range fields {
		n += len(f.Name) + len(f.Value)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeForm(&Body{Fields: fields}, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTypicalBodyIsAboutOneKB(t *testing.T) {
	s := typicalBody()
	if len(s) < 900 || len(s) > 1200 {
		t.Fatalf("typical body is %d bytes, want about 1 KB", len(s))
	}
	args, err := DecodeArgs(&Body{Fields: []Entry{{Name: "0", Value: s}}}, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Convert(args[0], reflect.TypeFor[benchOrder](), "1"); err != nil {
		t.Fatal(err)
	}
	if m, ok := args[1].(map[string]any); !ok || m["city"] != "London" {
		t.Fatalf("path reference decoded as %#v", args[1])
	}
}
