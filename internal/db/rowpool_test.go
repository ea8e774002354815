package db

import "testing"

type pooledRow struct {
	ID   int64
	Name string
	Ref  *int64
}

// A pooled page comes back empty with room for a page, keeps nothing of the rows it held
// (no string or pointer of a past request stays reachable through it), and a slice that
// grew past a 200-row page is not kept.
func TestRowPoolGivesEmptySlicesAndKeepsNoRows(t *testing.T) {
	var p RowPool[pooledRow]
	s := p.Get()
	if len(*s) != 0 || cap(*s) < 51 {
		t.Fatalf("new slice len %d cap %d", len(*s), cap(*s))
	}
	ref := int64(7)
	for i := range 51 {
		*s = append(*s, pooledRow{ID: int64(i + 1), Name: "row", Ref: &ref})
	}
	p.Put(s)
	if len(*s) != 0 {
		t.Fatalf("put slice len %d", len(*s))
	}
	for i, r := range (*s)[:cap(*s)] {
		if r != (pooledRow{}) {
			t.Fatalf("element %d kept %+v", i, r)
		}
	}
	big := make([]pooledRow, 0, maxPooledCap+1)
	p.Put(&big)
	for range 100 { // sync.Pool may drop what it holds, never hand out what it was not given
		if g := p.Get(); cap(*g) > maxPooledCap {
			t.Fatalf("a slice of cap %d came back from the pool", cap(*g))
		}
	}
	p.Put(nil) // harmless
}
