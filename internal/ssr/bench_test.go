package ssr

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
)

// go test ./internal/ssr -run '^$' -bench . -benchtime 20x -count 3
// (GORSC_BENCH_TZ=- starts VMs without Intl.) cpu-ms/op is the CPU time of
// one render, steadier than ns/op (wall time) on a shared machine.

// BenchmarkCounter renders examples/bench's Counter (cache off).
func BenchmarkCounter(b *testing.B) {
	app := build(b, "examples/bench")
	e, err := New(app.Server, Options{Size: 1, CacheBytes: -1, Budget: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	rows, err := flight.EncodeClient(&tree.ClientRef{Module: "components/Counter.tsx", Export: "default"}, resolver{app.Modules, false}, flight.Options{})
	if err != nil {
		b.Fatal(err)
	}
	benchRender(b, e, Request{Flight: rows})
}

// BenchmarkCounterCached is BenchmarkCounter answered by the memo.
func BenchmarkCounterCached(b *testing.B) {
	app := build(b, "examples/bench")
	e, err := New(app.Server, Options{Size: 1, Budget: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	rows, _ := flight.EncodeClient(&tree.ClientRef{Module: "components/Counter.tsx", Export: "default"}, resolver{app.Modules, false}, flight.Options{})
	benchRender(b, e, Request{Flight: rows})
}

// BenchmarkRows renders a client list of n rows whose data comes in the
// props.
func BenchmarkRows(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			e, r := testEngine(b, Options{Size: 1, CacheBytes: -1, Budget: 10e9})
			items := make([]map[string]any, n)
			for i := range items {
				items[i] = map[string]any{"id": i, "title": fmt.Sprintf("Item number %d", i), "n": i * 7}
			}
			rows, err := flight.EncodeClient(client("components/Values.tsx#Rows", map[string]any{"items": items}), r, flight.Options{})
			if err != nil {
				b.Fatal(err)
			}
			res := benchRender(b, e, Request{Flight: rows, Tree: probeTree})
			if got := strings.Count(string(res.HTML), `<li class="row">`); got != n {
				b.Fatalf("%d rows rendered", got)
			}
			b.ReportMetric(float64(len(rows)), "flight-B")
			b.ReportMetric(float64(len(res.HTML)), "html-B")
		})
	}
}

// probeTree is a typical position: a few forks deep.
var probeTree = fizz.TreeContext{Forks: []fizz.Fork{{N: 2, I: 1}, {N: 5, I: 3}, {N: 3, I: 2}}}

func benchRender(b *testing.B, e *Engine, req Request) Result {
	b.Helper()
	res, err := e.Render(context.Background(), req) // warm
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	cpu := cpuTime()
	n := 0
	for b.Loop() {
		if _, err := e.Render(context.Background(), req); err != nil {
			b.Fatal(err)
		}
		n++
	}
	// CPU time is steadier than wall time on a shared machine.
	b.ReportMetric(float64(cpuTime()-cpu)/float64(n)/1e6, "cpu-ms/op")
	return res
}

// cpuTime returns the CPU time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkVMStart starts VMs from the compiled bytecode of the bench
// app's server bundle (host glue, React, the modules), and reports the
// resident memory each one adds once it has rendered.
func BenchmarkVMStart(b *testing.B) {
	app := build(b, "examples/bench")
	e, err := New(app.Server, Options{Size: 1, CacheBytes: -1, Budget: 10 * time.Second, TimeZone: os.Getenv("GORSC_BENCH_TZ")})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	rows, _ := flight.EncodeClient(&tree.ClientRef{Module: "components/Counter.tsx", Export: "default"}, resolver{app.Modules, false}, flight.Options{})
	var vms []*vm
	before := rss()
	cpu := cpuTime()
	for b.Loop() {
		v, err := e.newVM()
		if err != nil {
			b.Fatal(err)
		}
		vms = append(vms, v)
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu)/float64(len(vms))/1e6, "cpu-ms/op")
	for _, v := range vms {
		if _, err := v.run(context.Background(), Request{Flight: rows}, e.opts.Budget); err != nil {
			b.Fatal(err)
		}
	}
	if after := rss(); after > before {
		b.ReportMetric(float64(after-before)/float64(len(vms))/(1<<20), "MB-RSS/VM")
	}
	for _, v := range vms {
		v.close()
	}
	b.ReportMetric(float64(len(app.Server))/1024, "bundle-KB")
	n := 0
	for _, c := range e.code[1 : len(e.code)-1] {
		n += len(c)
	}
	b.ReportMetric(float64(n)/1024, "bytecode-KB")
}

// rss returns the process's resident set size in bytes (Linux), or 0.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}
