package kvstore

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind says what an Event is about.
type Kind uint8

// The kinds of Event. The four field kinds are the parts of a record, in
// the order they sit in the stream.
const (
	KindKeyLen   Kind = iota // a key's 4-byte length prefix
	KindKey                  // a key's bytes
	KindValueLen             // a value's 4-byte length prefix
	KindValue                // a value's bytes
	KindPair                 // a whole pair decoded and added to the result
	KindChunk                // a chunk cut from the stream or joined back
	KindMeta                 // the metadata record built or read
	KindCheck                // the joined stream checked against the metadata
	KindBegin                // an encode or decode about to start
)

var kindNames = [...]string{"key length", "key", "value length", "value", "pair", "chunk", "metadata", "check", "begin"}

// String returns the kind's name, e.g. "key length".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Step is the stable id of a step an observer sees: the line of codec.go
// that performs it carries the comment "// step: <id>", and tutor's source
// pane highlights it.
type Step string

// The steps, in the order a Shutdown and a Restore of a chunked store take
// them. An unchunked store skips the chunk and metadata steps.
const (
	// StepEncodeBegin starts an encode; the Event lists the pairs.
	StepEncodeBegin Step = "encode-begin"
	// StepEncodeKeyLen writes a key's 4-byte length prefix.
	StepEncodeKeyLen Step = "encode-key-len"
	// StepEncodeKey writes a key's bytes.
	StepEncodeKey Step = "encode-key"
	// StepEncodeValueLen writes a value's 4-byte length prefix.
	StepEncodeValueLen Step = "encode-value-len"
	// StepEncodeValue writes a value's bytes.
	StepEncodeValue Step = "encode-value"
	// StepChunkCut cuts the next chunk from the stream.
	StepChunkCut Step = "chunk-cut"
	// StepChunkMeta builds the metadata record of the cut stream.
	StepChunkMeta Step = "chunk-meta"
	// StepMetaRead reads and checks the metadata record.
	StepMetaRead Step = "meta-read"
	// StepChunkJoin appends the next chunk to the stream being joined.
	StepChunkJoin Step = "chunk-join"
	// StepChunkCheck checks the joined stream against the metadata.
	StepChunkCheck Step = "chunk-check"
	// StepDecodeBegin starts a decode, the records counted.
	StepDecodeBegin Step = "decode-begin"
	// StepDecodeKeyLen reads a key's length prefix.
	StepDecodeKeyLen Step = "decode-key-len"
	// StepDecodeKey reads a key's bytes.
	StepDecodeKey Step = "decode-key"
	// StepDecodeValueLen reads a value's length prefix.
	StepDecodeValueLen Step = "decode-value-len"
	// StepDecodeValue reads a value's bytes.
	StepDecodeValue Step = "decode-value"
	// StepDecodePair adds a decoded pair to the result.
	StepDecodePair Step = "decode-pair"
)

// Event is one step of an encode, decode, cut or join, as an observer sees
// it. Fields that do not apply to a kind are zero.
type Event struct {
	// Step is the step taken; the line of codec.go that performs it
	// carries the comment "// step: <Step>".
	Step Step
	// Kind says what the step wrote or read.
	Kind Kind
	// Read reports whether the step reads (decode, join) rather than
	// writes (encode, cut).
	Read bool
	// Offset is the stream offset of the first byte written or read. For
	// KindPair and KindCheck it is the read cursor after the step.
	Offset int
	// Bytes are the bytes written or read: a copy the observer may keep.
	Bytes []byte
	// Key and Value are the pair the field belongs to, as far as known:
	// a decode knows the key only once it has read it.
	Key, Value string
	// Index is the index of the pair a field belongs to for the four
	// field kinds and KindPair (in stream order, counting from 0), the
	// chunk's index for KindChunk, the chunk count for KindMeta and
	// KindCheck, and the number of pairs (records counted, for a decode)
	// for KindBegin.
	Index int
	// Pairs are, for the KindBegin of an encode, the pairs about to be
	// written, in stream order: a copy the observer may keep.
	Pairs []Pair
	// Meta is, for KindMeta, the metadata record field by field, as built
	// or as read and checked.
	Meta MetaRecord
	// Blob names the chunk or metadata record, for chunk events.
	Blob string
	// Explain is one sentence for a learner, with the actual values.
	Explain string
}

// wrote is the event for a field just appended to dst at off; start is
// where the stream begins in dst.
// i is the pair's index.
func wrote(step Step, k Kind, dst []byte, off, start int, p Pair, i int) Event {
	b := dst[off:]
	at := off - start
	e := Event{Step: step, Kind: k, Offset: at, Bytes: clone(b), Key: p.Key, Value: p.Value, Index: i}
	switch k {
	case KindKeyLen:
		e.Explain = fmt.Sprintf("wrote the key length %d as four big-endian bytes % x at offset %d: the decoder reads these first to know how many key bytes follow", len(p.Key), b, at)
	case KindKey:
		e.Explain = fmt.Sprintf("wrote the key %s at offset %d: %s", quote(p.Key), at, sizeNote(p.Key, b))
	case KindValueLen:
		e.Explain = fmt.Sprintf("wrote the value length %d as % x at offset %d: the decoder learns where the value ends", len(p.Value), b, at)
	case KindValue:
		e.Explain = fmt.Sprintf("wrote the value %s at offset %d: %s; the stream is now %d bytes", quote(p.Value), at, sizeNote(p.Value, b), len(dst)-start)
	}
	return e
}

// read is the event for the field stream[off:end] just read, of pair i.
func read(step Step, k Kind, stream []byte, off, end int, p Pair, i int) Event {
	b := stream[off:end]
	e := Event{Step: step, Kind: k, Read: true, Offset: off, Bytes: clone(b), Key: p.Key, Value: p.Value, Index: i}
	switch k {
	case KindKeyLen, KindValueLen:
		what := "key"
		if k == KindValueLen {
			what = "value"
		}
		n := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		e.Explain = fmt.Sprintf("read % x at offset %d: the %s is %d %s long; the cursor moves to %d", b, off, what, n, plural(int(n), "byte"), end)
	case KindKey:
		e.Explain = fmt.Sprintf("read %d key %s at offset %d as %s, valid UTF-8 and after the previous key; the cursor moves to %d", len(b), plural(len(b), "byte"), off, quote(p.Key), end)
	case KindValue:
		e.Explain = fmt.Sprintf("read %d value %s at offset %d as %s; the cursor moves to %d", len(b), plural(len(b), "byte"), off, quote(p.Value), end)
	}
	return e
}

// sizeNote says how many bytes s took, and how many characters when they
// differ, listing the bytes when there are few.
func sizeNote(s string, b []byte) string {
	var sb strings.Builder
	if n := utf8.RuneCountInString(s); n != len(s) {
		fmt.Fprintf(&sb, "%d %s but %d bytes of UTF-8", n, plural(n, "character"), len(s))
	} else {
		fmt.Fprintf(&sb, "%d %s", len(s), plural(len(s), "byte"))
	}
	if len(b) > 0 && len(b) <= 12 {
		fmt.Fprintf(&sb, " (% x)", b)
	}
	return sb.String()
}

// quote quotes s for an explanation, shortening a long one.
func quote(s string) string {
	const most = 24
	if utf8.RuneCountInString(s) > most {
		r := []rune(s)
		return fmt.Sprintf("%q...", string(r[:most]))
	}
	return fmt.Sprintf("%q", s)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func clone(b []byte) []byte {
	return append([]byte(nil), b...)
}
