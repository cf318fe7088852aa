//go:build gorsc_prebuilt

package server

import (
	"strings"
	"testing"
)

// TestPrebuiltNeedsAssets: a binary without the bundler refuses to start
// without prebuilt assets, saying why and what to do.
func TestPrebuiltNeedsAssets(t *testing.T) {
	_, err := New(Config{Dir: "app", Secret: []byte("s")})
	if err == nil || !strings.Contains(err.Error(), "gorsc_prebuilt") || !strings.Contains(err.Error(), "App.Assets") {
		t.Fatalf("New without Assets: %v", err)
	}
}
