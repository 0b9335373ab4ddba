// Package filelock is the advisory file lock and the non-blocking open
// that the review log and the resume file share: two copies of the app on
// one state folder take turns through it.
package filelock

import "os"

// Lock takes an advisory lock on f, exclusive or shared, waiting for it.
// The lock belongs to f's open file description, so two opens of the same
// file exclude each other even inside one process. Where flock(2) does
// not exist Lock does nothing and returns nil.
func Lock(f *os.File, exclusive bool) error { return lock(f, exclusive) }

// Unlock releases the lock taken by Lock.
func Unlock(f *os.File) error { return unlock(f) }
