//go:build unix

package main

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime is the process's CPU time so far, user and system: what
// bench/compare.sh's cpu_ms/req counts for a server. Unlike ns/op it
// includes the garbage collector's background work and does not grow
// when other processes share the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per iteration since start as cpu-ns/op.
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 && start > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}
