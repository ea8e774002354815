package server

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestTuneGC: serve runs with the issue-14 GC settings unless GOGC / GOMEMLIMIT say
// otherwise, and the operator's values win.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOGC", "150") // restored after the test
	t.Setenv("GOMEMLIMIT", "1TiB")
	debug.SetGCPercent(150) // what the runtime read from them at start
	debug.SetMemoryLimit(1 << 40)
	if p, l := TuneGC(); p != 150 || l != 1<<40 {
		t.Fatalf("with GOGC and GOMEMLIMIT set TuneGC changed them: percent %d limit %d", p, l)
	}
	os.Unsetenv("GOGC")
	os.Unsetenv("GOMEMLIMIT")
	if p, l := TuneGC(); p != GCPercent || l != MemoryLimit {
		t.Fatalf("TuneGC = percent %d limit %d, want %d and %d", p, l, GCPercent, MemoryLimit)
	}
}
