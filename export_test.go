package gorsc

import (
	"testing"

	"github.com/gorsc/gorsc/internal/style"
)

// ForgetStylesheetDecls drops, when t ends, the package-level stylesheet
// declarations (Stylesheet, CSSModule) that t makes, so that the other
// apps of the test binary do not check them.
func ForgetStylesheetDecls(t testing.TB) { t.Cleanup(style.Snapshot()) }
