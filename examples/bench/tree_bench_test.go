package main

import (
	"context"
	"net/http/httptest"
	"testing"
)

// BenchmarkHomeTree builds the tree of "/" (the page and its layout) and
// nothing else: the part of every request that runs the app's own code.
func BenchmarkHomeTree(b *testing.B) {
	req := httptest.NewRequest("GET", "/", nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		page, err := HomePage(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := RootLayout(ctx, req, page); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMakeItems(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MakeItems(200)
	}
}
