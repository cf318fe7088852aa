package gorsc

import "testing"

// ForgetStylesheetDecls drops, when t ends, the package-level stylesheet
// declarations (Stylesheet, CSSModule) that t makes, so that the other
// apps of the test binary do not check them.
func ForgetStylesheetDecls(t testing.TB) {
	styleDecls.Lock()
	n := len(styleDecls.list)
	styleDecls.Unlock()
	t.Cleanup(func() {
		styleDecls.Lock()
		for sig, d := range styleDecls.bySig {
			for _, dropped := range styleDecls.list[n:] {
				if d == dropped {
					delete(styleDecls.bySig, sig)
				}
			}
		}
		styleDecls.list = styleDecls.list[:n]
		styleDecls.Unlock()
	})
}
