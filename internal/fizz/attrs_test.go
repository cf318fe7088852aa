package fizz

import "testing"

func TestIsAttrNameSafeMatchesPattern(t *testing.T) {
	for _, name := range []string{"a", "data-x", "aria-label", "xlink:href", "_x", ":x", "x.y", "x0", "0x", "-x", ".x", "a b", "a\"", "a>", "", "é", "x\u00b7", "x\u0300", "\u00d7x", "名前", "a=b", "a/b"} {
		if got, want := isAttrNameSafe(name), validAttrName.MatchString(name); got != want {
			t.Errorf("isAttrNameSafe(%q) = %v, the pattern says %v", name, got, want)
		}
	}
}
