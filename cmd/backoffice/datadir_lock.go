package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrDataDirBusy is returned when another `serve` holds the private data directory.
var ErrDataDirBusy = errors.New("another `backoffice serve` is already running on this private data directory")

// lockDataDir takes an exclusive lock on <dir>/serve.lock for the life of the process, so
// a second `serve` on the same private cluster stops with a clear message instead of
// sharing (or fighting over) one PostgreSQL it does not own. The kernel drops the lock
// when the process ends, even by kill -9. Several instances share one database through
// DATABASE_URL instead.
func lockDataDir(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "serve.lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid, _ := os.ReadFile(path)
			return nil, fmt.Errorf("%w (%s, pid %s); stop it first, or run several instances on one PostgreSQL with DATABASE_URL", ErrDataDirBusy, dir, string(pid))
		}
		return nil, err
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprint(os.Getpid())), 0)
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
