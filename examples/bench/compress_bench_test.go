package main

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkHomeRequestEncoded is BenchmarkHomeRequest (and its Flight
// twin) with each Accept-Encoding: the cost of compressing "/" on top of
// rendering it, and the bytes sent (B/op is memory; "wire-bytes" the body);
// the cached-… cases are /cached, served from the page cache, compressed
// once per coding.
func BenchmarkHomeRequestEncoded(b *testing.B) {
	app := benchApp(b)
	for _, path := range []string{"/", "/cached"} {
		for _, flight := range []bool{false, true} {
			for _, enc := range []string{"identity", "gzip", "br", "zstd"} {
				name := "html/" + enc
				if flight {
					name = "flight/" + enc
				}
				if path == "/cached" {
					name = "cached-" + name
				}
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					var n int
					for b.Loop() {
						rec := httptest.NewRecorder()
						req := httptest.NewRequest("GET", path, nil)
						req.Header.Set("Accept-Encoding", enc)
						if flight {
							req.Header.Set("RSC", "1")
						}
						app.ServeHTTP(rec, req)
						if rec.Code != 200 {
							b.Fatal(rec.Code)
						}
						n = rec.Body.Len()
					}
					b.ReportMetric(float64(n), "wire-bytes")
				})
			}
		}
	}
}
