//go:build unix

package filelock

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTwoOpensExcludeEachOther: an exclusive lock on one open of a file
// makes a second open's Lock wait until the first is released, even in
// one process; shared locks do not wait for each other.
func TestTwoOpensExcludeEachOther(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	open := func() *os.File {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|OpenNonblock, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	a, b := open(), open()
	if err := Lock(a, true); err != nil {
		t.Fatal(err)
	}
	got := make(chan error)
	go func() { got <- Lock(b, true) }()
	select {
	case err := <-got:
		t.Fatalf("a second exclusive lock did not wait (err %v)", err)
	case <-time.After(100 * time.Millisecond):
	}
	if err := Unlock(a); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	Unlock(b)
	if err := Lock(a, false); err != nil {
		t.Fatal(err)
	}
	if err := Lock(b, false); err != nil { // would hang if shared excluded shared
		t.Fatal(err)
	}
}
