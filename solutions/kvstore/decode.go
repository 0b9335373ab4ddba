package kvstore

// This file is the decoder without an observer: the loop of decode in
// codec.go, which the source pane shows, with the observer's calls taken
// out and the result appended to the caller's slice.

import (
	"encoding/binary"
	"unicode/utf8"
)

// AppendDecode parses a stream written by AppendEncode, appends its pairs
// to dst in stream order and returns the extended slice, as DecodePairs
// does but into the caller's slice, which grows as append grows it: with
// room in dst (one slice reused across calls) it allocates only the string
// below, and reads each byte of stream once. On a corrupt stream it returns dst
// unchanged and the *CorruptError DecodePairs gives; keys need only be in
// increasing order within stream, not after the pairs already in dst.
//
// Every key and value appended is a substring of one string holding a
// copy of stream, allocated once per call (none for an empty stream). The
// pairs do not alias stream, which the caller may overwrite as soon as
// AppendDecode returns; but they alias each other: keeping any one key or
// value keeps that whole len(stream)-byte copy alive. Copy a string that
// must outlive the rest (strings.Clone) to let the block go.
//
// It costs O(len(stream)).
func AppendDecode(dst []Pair, stream []byte) ([]Pair, error) {
	start := len(dst)
	s := string(stream) // the one block behind every key and value
	for off := 0; off < len(s); {
		if len(s)-off < prefixLen {
			return undo(dst, start), short(off, len(s)-off, "key")
		}
		klen := binary.BigEndian.Uint32(stream[off:])
		off += prefixLen
		if uint64(klen) > uint64(len(s)-off) {
			return undo(dst, start), corrupt(off-prefixLen, "key length %d is more than the %d bytes left", klen, len(s)-off)
		}
		key := s[off : off+int(klen)]
		if !utf8.ValidString(key) {
			return undo(dst, start), badText(key, "key", off)
		}
		if n := len(dst); n > start && key <= dst[n-1].Key {
			err := corrupt(off, "key %q is not after the previous key %q: a stream holds its keys in strictly increasing order", key, dst[n-1].Key)
			return undo(dst, start), err
		}
		off += len(key)
		if len(s)-off < prefixLen {
			return undo(dst, start), short(off, len(s)-off, "value")
		}
		vlen := binary.BigEndian.Uint32(stream[off:])
		off += prefixLen
		if uint64(vlen) > uint64(len(s)-off) {
			return undo(dst, start), corrupt(off-prefixLen, "value length %d is more than the %d bytes left", vlen, len(s)-off)
		}
		value := s[off : off+int(vlen)]
		if !utf8.ValidString(value) {
			return undo(dst, start), badText(value, "value", off)
		}
		off += len(value)
		dst = append(dst, Pair{key, value})
	}
	return dst, nil
}

// undo drops what a failed AppendDecode appended after start, clearing it
// so the abandoned pairs do not keep the string block alive.
func undo(dst []Pair, start int) []Pair {
	clear(dst[start:])
	return dst[:start]
}
