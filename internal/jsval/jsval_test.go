package jsval

import (
	"encoding/json"
	"math"
	"math/big"
	"os/exec"
	"strconv"
	"testing"

	"github.com/gorsc/gorsc/internal/testenv"
)

// numberInputs are strings whose Number() JavaScript and StringToNumber
// must agree on.
var numberInputs = []string{
	"", " ", "\t\n 12 \u00a0", "0", "-0", "+5", "5.", ".5", "-.5e3", "1e21", "1E-7", "1e", "e5", ".",
	"+", "-", "0x1F", "0X1f", "-0x10", "0o17", "0b101", "0b102", "0x", "Infinity", "-Infinity",
	"+Infinity", "infinity", "inf", "NaN", "1_000", "12px", "0012", "1e400", "-1e400", "1e-400",
	"\ufeff7", "\u20281", "9007199254740993", "0.1", "abc", "١٢",
}

// numberValues are numbers whose String() both must agree on.
var numberValues = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.1, 1.5, 1e21, 1e20, 123456789012345680000, 1e-6, 1e-7, 1.5e-7,
	math.MaxFloat64, math.SmallestNonzeroFloat64, 9007199254740993, float64(float32(0.1)), 100, 1e300,
}

// TestAgainstJavaScript checks StringToNumber against JavaScript's
// Number() and NumberString against String(), in Node.
func TestAgainstJavaScript(t *testing.T) {
	node := testenv.Node(t)
	in, _ := json.Marshal(map[string]any{"strings": numberInputs, "numbers": numberStrings()})
	script := `const {strings, numbers} = JSON.parse(process.argv[1]);
const show = (n) => Object.is(n, -0) ? "-0" : String(n);
console.log(JSON.stringify({
  number: strings.map((s) => show(Number(s))),
  string: numbers.map((s) => String(Number(s))),
}));`
	out, err := exec.Command(node, "-e", script, string(in)).Output()
	if err != nil {
		t.Fatal(err)
	}
	var js struct{ Number, String []string }
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Number) != len(numberInputs) || len(js.String) != len(numberValues) {
		t.Fatalf("Node answered %d and %d values for %d and %d inputs", len(js.Number), len(js.String), len(numberInputs), len(numberValues))
	}
	for i, s := range numberInputs {
		got := StringToNumber(s)
		gs := NumberString(got)
		if got == 0 && math.Signbit(got) {
			gs = "-0"
		}
		if gs != js.Number[i] {
			t.Errorf("StringToNumber(%q) = %s, JavaScript's Number gives %s", s, gs, js.Number[i])
		}
	}
	for i, f := range numberValues {
		if got := NumberString(f); got != js.String[i] {
			t.Errorf("NumberString(%v) = %s, JavaScript's String gives %s", f, got, js.String[i])
		}
	}
}

// numberStrings writes numberValues so that JavaScript reads back the
// same doubles (-0 included).
func numberStrings() []string {
	out := make([]string, len(numberValues))
	for i, f := range numberValues {
		out[i] = strconv.FormatFloat(f, 'g', -1, 64)
		if f == 0 && math.Signbit(f) {
			out[i] = "-0"
		}
	}
	return out
}

type (
	label  string
	flag   bool
	small  int8
	size   uint
	ratio  float32
	marked int
)

func (marked) MarshalText() ([]byte, error) { return []byte("m"), nil }

func TestOf(t *testing.T) {
	for _, c := range []struct {
		v    any
		kind Kind
		str  string
		ok   bool
	}{
		{"x", String, "x", true},
		{label("y"), String, "y", true},
		{flag(true), Boolean, "true", true},
		{small(-3), Number, "-3", true},
		{size(7), Number, "7", true},
		{ratio(0.5), Number, "0.5", true},
		{uint64(1<<53 + 1), BigInt, "9007199254740993", true},
		{uint64(1 << 53), Number, "9007199254740992", true},
		{int64(-(1<<53 + 1)), BigInt, "-9007199254740993", true},
		{big.NewInt(-12), BigInt, "-12", true},
		{math.Copysign(0, -1), Number, "0", true},
		{marked(1), 0, "", false}, // marshals itself: not a scalar here
		{nil, 0, "", false},
		{[]int{1}, 0, "", false},
		{(*int)(nil), 0, "", false},
	} {
		x, ok := Of(c.v)
		if ok != c.ok || (ok && (x.Kind != c.kind || x.String() != c.str)) {
			t.Errorf("Of(%#v) = %+v, %v; want kind %d %q, %v", c.v, x, ok, c.kind, c.str, c.ok)
		}
	}
}

func TestToStringAndTruthy(t *testing.T) {
	for _, c := range []struct {
		v      any
		str    string
		ok     bool
		truthy bool
	}{
		{[]string{"a", "b"}, "a,b", true, true},
		{[]any{1, nil, []int{2, 3}, "x"}, "1,,2,3,x", true, true},
		{[]any{}, "", true, true},
		{[]string(nil), "", false, false},
		{[2]label{"p", "q"}, "p,q", true, true},
		{map[string]int{"a": 1}, "", false, true},
		{0.0, "0", true, false},
		{math.NaN(), "NaN", true, false},
		{"", "", true, false},
		{"0", "0", true, true},
		{big.NewInt(0), "0", true, false},
		{uint64(1 << 60), "1152921504606846976", true, true},
		{(*big.Int)(nil), "", false, false},
	} {
		s, ok := ToString(c.v)
		if s != c.str || ok != c.ok {
			t.Errorf("ToString(%#v) = %q, %v; want %q, %v", c.v, s, ok, c.str, c.ok)
		}
		if got := Truthy(c.v); got != c.truthy {
			t.Errorf("Truthy(%#v) = %v, want %v", c.v, got, c.truthy)
		}
	}
}

func TestCompareKeys(t *testing.T) {
	keys := []string{"b", "10", "a", "2", "01", "4294967295", "4294967294", "-1", "+1", "1a", "9999999999"}
	want := []string{"2", "10", "4294967294", "+1", "-1", "01", "1a", "4294967295", "9999999999", "a", "b"}
	for i := range keys {
		for j := range keys {
			a, b := keys[i], keys[j]
			ia, ib := index(want, a), index(want, b)
			if got := CompareKeys(a, b); sign(got) != sign(ia-ib) {
				t.Errorf("CompareKeys(%q, %q) = %d", a, b, got)
			}
		}
	}
}

func index(s []string, x string) int {
	for i, y := range s {
		if y == x {
			return i
		}
	}
	return -1
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
