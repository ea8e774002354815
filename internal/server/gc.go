package server

import (
	"os"
	"runtime/debug"
)

// GC settings of `serve` (issue 14). A list request allocates its rows, their scanned
// models and the encoded page, all garbage once answered; at Go's default GOGC=100 the
// collector ran whenever the heap doubled its small live set and took 15–24 % of the
// server's CPU on the cheap lists (`loadtest -profile`, runtime.gcBgMarkWorker). GCPercent
// lets the heap grow three times its live set between collections, and MemoryLimit keeps
// the process's Go memory (and so its RSS) bounded: near the limit the collector runs
// as often as it must, whatever GCPercent says. Measured on `loadtest -small`: the GC's
// share fell from 19–20 % to 5–10 % of the server's CPU; RSS rose from 80 to about 115 MB
// (issue 14 allows 150).
const (
	GCPercent   = 300
	MemoryLimit = 112 << 20
)

// TuneGC applies GCPercent and MemoryLimit unless the operator set GOGC or GOMEMLIMIT,
// which then win (the runtime has read them already). It reports what is in effect.
func TuneGC() (percent int, limit int64) {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(GCPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(MemoryLimit)
	}
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}
