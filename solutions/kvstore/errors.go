package kvstore

import (
	"errors"
	"fmt"
	"io/fs"
)

// ErrCorrupt is what every *CorruptError matches with errors.Is.
var ErrCorrupt = errors.New("kvstore: corrupt data")

// CorruptError describes bytes that cannot be decoded: a record stream, a
// chunk or a metadata record. It says where the fault lies.
type CorruptError struct {
	// Blob names the blob at fault (the stream's blob, a chunk, or the
	// metadata record), or is empty for bytes decoded from memory.
	Blob string
	// Offset is the byte offset of the fault in the record stream, or -1
	// when the fault has none (a missing chunk, a bad metadata record).
	Offset int
	// BlobOffset is the byte offset of the fault within Blob, or -1.
	BlobOffset int
	// Reason says what is wrong, with the values found.
	Reason string
	// Err is the underlying error, if any (a chunk that cannot be loaded).
	Err error
}

// Error returns one line: where, then why.
func (e *CorruptError) Error() string {
	switch {
	case e.Blob == "":
		return fmt.Sprintf("kvstore: corrupt stream at offset %d: %s", e.Offset, e.Reason)
	case e.BlobOffset >= 0 && e.Offset >= 0:
		return fmt.Sprintf("kvstore: corrupt %s at offset %d (stream offset %d): %s", e.Blob, e.BlobOffset, e.Offset, e.Reason)
	case e.BlobOffset >= 0:
		return fmt.Sprintf("kvstore: corrupt %s at offset %d: %s", e.Blob, e.BlobOffset, e.Reason)
	default:
		return fmt.Sprintf("kvstore: corrupt %s: %s", e.Blob, e.Reason)
	}
}

// Is reports whether target is ErrCorrupt.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// Unwrap returns the underlying error, or nil.
func (e *CorruptError) Unwrap() error { return e.Err }

// corrupt is a *CorruptError at stream offset off.
func corrupt(off int, format string, args ...any) *CorruptError {
	return &CorruptError{Offset: off, BlobOffset: -1, Reason: fmt.Sprintf(format, args...)}
}

// short is the error for a stream that ends inside the length prefix of a
// key or value (what) at off, with left bytes remaining.
func short(off, left int, what string) *CorruptError {
	return corrupt(off, "stream ends inside a %s length prefix: %d of 4 bytes left", what, left)
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
