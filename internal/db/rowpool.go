package db

import "sync"

// RowPool keeps page slices of T for reuse (issue 14). A cheap list page allocated about
// 26 KB a request, two thirds of it the slice its rows were scanned into and the slice of
// their answer shapes — both garbage once the page was written — and the collector's
// work grows with those bytes: at 8,000 pages a second it was a fifth of the server's CPU.
// A handler takes a slice with Get, fills it (Params.Scan appends into its capacity),
// writes its answer (httpx.Send copies the bytes out), and gives it back with Put. Only
// a handler that keeps nothing of the rows past its answer may do so: the next request
// overwrites them.
type RowPool[T any] struct {
	p sync.Pool
}

// poolCap is the capacity of a new slice: a default page and its look-ahead row, with
// room; a slice that grew past maxPooledCap (a 200-row page) is left to the collector.
const (
	poolCap      = 64
	maxPooledCap = 256
)

// Get returns an empty slice with room for a page.
func (rp *RowPool[T]) Get() *[]T {
	if v, ok := rp.p.Get().(*[]T); ok {
		return v
	}
	s := make([]T, 0, poolCap)
	return &s
}

// Put gives s back, emptied: its elements are zeroed so that a pooled slice keeps no
// strings or records alive.
func (rp *RowPool[T]) Put(s *[]T) {
	if s == nil || cap(*s) > maxPooledCap {
		return
	}
	clear((*s)[:cap(*s)])
	*s = (*s)[:0]
	rp.p.Put(s)
}
