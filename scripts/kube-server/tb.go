package main

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// serverTB is the small stand-in for testing.T that StartTestServer needs: it is
// started from a program, not from `go test`. Fatal calls panic with a fatalError,
// which main recovers into one clear message; cleanups run when the server stops.
type serverTB struct {
	mu       sync.Mutex
	log      io.Writer
	cleanups []func()
	failed   bool
	tempDir  string
}

type fatalError struct{ msg string }

func newServerTB(log io.Writer, tempDir string) *serverTB {
	return &serverTB{log: log, tempDir: tempDir}
}

func (t *serverTB) Attr(key, value string)           {}
func (t *serverTB) Chdir(dir string)                 {}
func (t *serverTB) Helper()                          {}
func (t *serverTB) Name() string                     { return "kube-server" }
func (t *serverTB) Setenv(key, value string)         { os.Setenv(key, value) }
func (t *serverTB) TempDir() string                  { return t.tempDir }
func (t *serverTB) Skip(args ...any)                 { t.Fatal(args...) }
func (t *serverTB) Skipf(format string, args ...any) { t.Fatalf(format, args...) }
func (t *serverTB) SkipNow()                         { t.FailNow() }
func (t *serverTB) Skipped() bool                    { return false }
func (t *serverTB) Log(args ...any)                  { fmt.Fprintln(t.log, args...) }
func (t *serverTB) Logf(format string, args ...any)  { fmt.Fprintf(t.log, format+"\n", args...) }

func (t *serverTB) Error(args ...any) {
	t.markFailed()
	fmt.Fprintln(os.Stderr, args...)
}

func (t *serverTB) Errorf(format string, args ...any) {
	t.markFailed()
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}

func (t *serverTB) Fail()    { t.markFailed() }
func (t *serverTB) FailNow() { t.markFailed(); panic(fatalError{"test server failed"}) }
func (t *serverTB) Failed() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.failed
}
func (t *serverTB) Fatal(args ...any) { t.markFailed(); panic(fatalError{fmt.Sprint(args...)}) }
func (t *serverTB) Fatalf(format string, args ...any) {
	t.markFailed()
	panic(fatalError{fmt.Sprintf(format, args...)})
}

func (t *serverTB) markFailed() {
	t.mu.Lock()
	t.failed = true
	t.mu.Unlock()
}

func (t *serverTB) Cleanup(f func()) {
	t.mu.Lock()
	t.cleanups = append(t.cleanups, f)
	t.mu.Unlock()
}

// runCleanups runs the registered cleanups last-in first-out, as testing does.
func (t *serverTB) runCleanups() {
	t.mu.Lock()
	fs := t.cleanups
	t.cleanups = nil
	t.mu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
}
