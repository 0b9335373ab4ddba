// Package kvstore is an in-memory key-value store that turns itself into
// bytes on Shutdown and rebuilds itself from them on Restore, with a format
// of its own rather than a general serializer.
//
// The stream holds the pairs in increasing key order. Each pair is a record
// of four fields, all lengths in bytes, as 4-byte big-endian integers:
//
//	key length (4) | key (UTF-8) | value length (4) | value (UTF-8)
//
// so Put("A", "BC") is the 11 bytes 00 00 00 01 41 00 00 00 02 42 43.
//
// A storage that only takes blobs of at most N bytes gets the stream cut
// into chunks of N bytes, regardless of record borders, and a metadata
// record (chunk size, chunk count, stream length, CRC-32; see Meta) saved
// after them. Restore reads the metadata, joins the chunks in order, checks
// them, then parses.
//
// Decoding never trusts a length prefix and never panics: every fault is a
// *CorruptError that says where it lies. An observer (Store.Observe) sees
// every step as an Event: each field written or read, each chunk cut or
// joined, the metadata record built or read (field by field, as a
// MetaRecord), the check. Its Step is one of the Step constants, and the
// line of codec.go that performs it carries "// step: <id>" for tutor's
// source pane.
package kvstore
