package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"
)

// freePort is a loopback address no one listens on now (the server's profiles): the
// port the kernel hands out for 127.0.0.1:0, released for the child to take.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}

// startProfile asks the server for a CPU profile over the next du (rounded up to whole
// seconds), profiles the load command itself alongside, and returns a function that waits
// for both and writes them to dir/<endpoint>.pprof and dir/driver-<endpoint>.pprof.
// Without a profile address it does nothing.
func startProfile(pprofAddr, dir, endpoint string, du time.Duration) func() error {
	if pprofAddr == "" {
		return func() error { return nil }
	}
	secs := int((du + time.Second - 1) / time.Second)
	done := make(chan error, 1)
	go func() {
		res, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, secs))
		if err != nil {
			done <- err
			return
		}
		defer res.Body.Close()
		if res.StatusCode != 200 {
			done <- fmt.Errorf("pprof: %s", res.Status)
			return
		}
		f, err := os.Create(filepath.Join(dir, profileName(endpoint)))
		if err != nil {
			done <- err
			return
		}
		_, err = io.Copy(f, res.Body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	drv, derr := startDriverProfile(dir, endpoint)
	return func() error {
		err := <-done
		if drv != nil {
			pprof.StopCPUProfile()
			if cerr := drv.Close(); derr == nil {
				derr = cerr
			}
		}
		if err == nil {
			err = derr
		}
		return err
	}
}

// startDriverProfile profiles the load command itself (vegeta and its HTTP client, the
// other half of a request's cost on the shared cores) into dir/driver-<endpoint>.pprof.
func startDriverProfile(dir, endpoint string) (*os.File, error) {
	f, err := os.Create(filepath.Join(dir, "driver-"+profileName(endpoint)))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// profileName turns an endpoint's name into a file name: "GET /tickets?limit=50" →
// "GET_tickets_limit_50.pprof".
func profileName(endpoint string) string {
	var b strings.Builder
	last := '_'
	for _, r := range endpoint {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !ok {
			r = '_'
		}
		if r == '_' && last == '_' {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return strings.TrimSuffix(b.String(), "_") + ".pprof"
}
