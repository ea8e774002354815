package main

import (
	"errors"
	"testing"
)

// TestServeRefusesASecondStartOnOneDataDir: two `serve` on one private data directory
// would share a cluster neither owns; the second stops with a clear message.
func TestServeRefusesASecondStartOnOneDataDir(t *testing.T) {
	dir := t.TempDir()
	release, err := lockDataDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lockDataDir(dir); !errors.Is(err, ErrDataDirBusy) {
		t.Fatalf("second lock: %v, want ErrDataDirBusy", err)
	}
	release()
	again, err := lockDataDir(dir)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}
