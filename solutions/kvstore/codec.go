package kvstore

// This file is the codec: the record stream, the chunk cut and the join.
// The lines that perform a step the observer reports carry "// step: <id>",
// and the source pane of tutor highlights them as the run goes.

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"unicode/utf8"
)

// Pair is one key and its value. The zero Pair, the empty key with the
// empty value, is a valid pair.
type Pair struct {
	Key, Value string
}

// MaxLen is the longest key or value in bytes: the largest number a 4-byte
// length prefix holds (4 GiB - 1).
const MaxLen = 1<<32 - 1

// prefixLen is the size of a length prefix.
const prefixLen = 4

// EncodedLen returns the length of the stream of pairs: 8 bytes of length
// prefixes per pair plus the bytes of every key and value. It costs O(len(pairs)).
func EncodedLen(pairs []Pair) int {
	n := 0
	for _, p := range pairs {
		n += 2*prefixLen + len(p.Key) + len(p.Value)
	}
	return n
}

// Encode returns the stream of pairs in a new buffer of exactly
// EncodedLen(pairs) bytes: AppendEncode onto an empty buffer of that size.
func Encode(pairs []Pair) ([]byte, error) {
	return AppendEncode(make([]byte, 0, EncodedLen(pairs)), pairs)
}

// AppendEncode appends the stream of pairs to dst and returns the extended
// buffer, as the Append functions of encoding/binary and strconv do: with
// room in dst (one buffer reused across calls) it allocates nothing. For
// each pair it writes the key's byte length as 4 bytes big-endian, the key,
// the value's byte length the same way, and the value. Pairs must be in
// strictly increasing key order (so a store always gives the same bytes)
// and each key and value at most MaxLen bytes; otherwise it returns dst
// unchanged and an error naming the first bad pair. O(EncodedLen(pairs)).
//
// Keys and values must also be valid UTF-8, but AppendEncode does not check
// it: checking costs more than copying the bytes. UTF-8 is checked where
// strings come in (Store.Put) and where bytes come back (AppendDecode).
func AppendEncode(dst []byte, pairs []Pair) ([]byte, error) {
	return encode(dst, pairs, nil)
}

func encode(dst []byte, pairs []Pair, obs func(Event)) ([]byte, error) {
	start := len(dst) // step: encode-begin
	if obs != nil {
		n := EncodedLen(pairs)
		obs(Event{
			Step: StepEncodeBegin, Kind: KindBegin, Index: len(pairs), Pairs: append([]Pair(nil), pairs...),
			Explain: fmt.Sprintf("encoding %d %s in increasing key order: each takes 8 bytes of length prefixes plus its key and value bytes, %d %s in all", len(pairs), plural(len(pairs), "pair"), n, plural(n, "byte")),
		})
	}
	for i, p := range pairs {
		if err := checkPair(pairs, i); err != nil {
			return dst[:start], err
		}
		off := len(dst)
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(p.Key))) // step: encode-key-len
		if obs != nil {
			obs(wrote(StepEncodeKeyLen, KindKeyLen, dst, off, start, p, i))
		}
		off = len(dst)
		dst = append(dst, p.Key...) // step: encode-key
		if obs != nil {
			obs(wrote(StepEncodeKey, KindKey, dst, off, start, p, i))
		}
		off = len(dst)
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(p.Value))) // step: encode-value-len
		if obs != nil {
			obs(wrote(StepEncodeValueLen, KindValueLen, dst, off, start, p, i))
		}
		off = len(dst)
		dst = append(dst, p.Value...) // step: encode-value
		if obs != nil {
			obs(wrote(StepEncodeValue, KindValue, dst, off, start, p, i))
		}
	}
	return dst, nil
}

// DecodePairs parses a stream written by AppendEncode and returns its
// pairs in stream order: AppendDecode onto a slice sized by counting the
// records first. It never trusts a length prefix: a prefix longer than
// what remains, a stream ending inside a prefix, invalid UTF-8, or keys out
// of strictly increasing order give a *CorruptError with the byte offset,
// and no pairs. An empty stream gives no pairs and no error. It allocates
// twice whatever the number of pairs (see AppendDecode); O(len(stream)).
func DecodePairs(stream []byte) ([]Pair, error) {
	pairs, err := AppendDecode(make([]Pair, 0, countRecords(stream)), stream)
	if err != nil {
		return nil, err
	}
	return pairs, nil
}

func decode(stream []byte, obs func(Event)) ([]Pair, error) {
	pairs := make([]Pair, 0, countRecords(stream)) // step: decode-begin
	s := string(stream)                            // one allocation holds every key and value
	if obs != nil {
		obs(Event{
			Step: StepDecodeBegin, Kind: KindBegin, Read: true, Index: cap(pairs),
			Explain: fmt.Sprintf("decoding a %d-byte stream: hopping from prefix to prefix counts %d whole %s to size the result, one %d-byte string copy will hold every key and value, and the cursor starts at 0", len(stream), cap(pairs), plural(cap(pairs), "record"), len(stream)),
		})
	}
	off := 0
	for off < len(s) {
		if len(s)-off < prefixLen {
			return nil, short(off, len(s)-off, "key")
		}
		klen := binary.BigEndian.Uint32(stream[off:]) // step: decode-key-len
		if obs != nil {
			obs(read(StepDecodeKeyLen, KindKeyLen, stream, off, off+prefixLen, Pair{}, len(pairs)))
		}
		off += prefixLen
		if uint64(klen) > uint64(len(s)-off) {
			return nil, corrupt(off-prefixLen, "key length %d is more than the %d bytes left", klen, len(s)-off)
		}
		key := s[off : off+int(klen)] // step: decode-key
		if !utf8.Valid(stream[off : off+len(key)]) {
			return nil, badText(key, "key", off)
		}
		if n := len(pairs); n > 0 && key <= pairs[n-1].Key {
			return nil, corrupt(off, "key %q is not after the previous key %q: a stream holds its keys in strictly increasing order", key, pairs[n-1].Key)
		}
		if obs != nil {
			obs(read(StepDecodeKey, KindKey, stream, off, off+len(key), Pair{Key: key}, len(pairs)))
		}
		off += len(key)
		if len(s)-off < prefixLen {
			return nil, short(off, len(s)-off, "value")
		}
		vlen := binary.BigEndian.Uint32(stream[off:]) // step: decode-value-len
		if obs != nil {
			obs(read(StepDecodeValueLen, KindValueLen, stream, off, off+prefixLen, Pair{Key: key}, len(pairs)))
		}
		off += prefixLen
		if uint64(vlen) > uint64(len(s)-off) {
			return nil, corrupt(off-prefixLen, "value length %d is more than the %d bytes left", vlen, len(s)-off)
		}
		value := s[off : off+int(vlen)] // step: decode-value
		if !utf8.Valid(stream[off : off+len(value)]) {
			return nil, badText(value, "value", off)
		}
		if obs != nil {
			obs(read(StepDecodeValue, KindValue, stream, off, off+len(value), Pair{key, value}, len(pairs)))
		}
		off += len(value)
		pairs = append(pairs, Pair{key, value}) // step: decode-pair
		if obs != nil {
			obs(Event{
				Step: StepDecodePair, Kind: KindPair, Read: true, Offset: off,
				Key: key, Value: value, Index: len(pairs) - 1,
				Explain: fmt.Sprintf("added the pair %s = %s to the rebuilt map (%d %s so far); the cursor is at offset %d", quote(key), quote(value), len(pairs), plural(len(pairs), "pair"), off),
			})
		}
	}
	return pairs, nil
}

// countRecords counts the whole records at the front of stream by hopping
// from prefix to prefix, without reading the keys and values. It stops at
// the first record that does not fit; decode then reports why.
func countRecords(stream []byte) int {
	n := 0
	for off := 0; ; n++ {
		for range 2 {
			if len(stream)-off < prefixLen {
				return n
			}
			l := binary.BigEndian.Uint32(stream[off:])
			off += prefixLen
			if uint64(l) > uint64(len(stream)-off) {
				return n
			}
			off += int(l)
		}
	}
}

// MetaLen is the size in bytes of the metadata record of a chunked stream.
const MetaLen = 28

// metaMagic opens every metadata record; the last byte is the version.
const metaMagic = "KVM\x01"

// Meta is the metadata record saved beside the chunks of a chunked stream.
// Its MetaLen bytes are, all integers big-endian:
//
//	offset size field
//	     0    4 magic "KVM" and version 1: 4b 56 4d 01
//	     4    4 ChunkSize, the most bytes a chunk holds (>= 1)
//	     8    4 Chunks, the number of chunks: Length / ChunkSize rounded up
//	    12    8 Length, the stream's length in bytes
//	    20    4 CRC, the CRC-32 (IEEE) of the whole stream
//	    24    4 the CRC-32 (IEEE) of bytes 0 to 23, the record itself
//
// The zero Meta describes an empty stream cut into no chunks, but has no
// chunk size: it does not encode.
type Meta struct {
	ChunkSize int
	Chunks    int
	Length    int
	CRC       uint32
}

// AppendBinary appends the MetaLen bytes of m to b. It reports an error,
// and returns b unchanged, when m does not describe a possible stream:
// a chunk size below 1, a chunk count that is not Length / ChunkSize
// rounded up, or a number too large for its field.
func (m Meta) AppendBinary(b []byte) ([]byte, error) {
	if err := m.check(); err != nil {
		return b, err
	}
	start := len(b)
	b = append(b, metaMagic...)
	b = binary.BigEndian.AppendUint32(b, uint32(m.ChunkSize))
	b = binary.BigEndian.AppendUint32(b, uint32(m.Chunks))
	b = binary.BigEndian.AppendUint64(b, uint64(m.Length))
	b = binary.BigEndian.AppendUint32(b, m.CRC)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
	return b, nil
}

func (m Meta) check() error {
	switch {
	case m.ChunkSize < 1 || uint64(m.ChunkSize) > MaxLen:
		return fmt.Errorf("chunk size %d is not between 1 and %d", m.ChunkSize, uint64(MaxLen))
	case m.Length < 0:
		return fmt.Errorf("stream length %d is negative", m.Length)
	case m.Chunks != chunkCount(m.Length, m.ChunkSize):
		return fmt.Errorf("chunk count %d disagrees with stream length %d and chunk size %d, which need %d", m.Chunks, m.Length, m.ChunkSize, chunkCount(m.Length, m.ChunkSize))
	case uint64(m.Chunks) > MaxLen:
		return fmt.Errorf("%d chunks do not fit the 4-byte chunk count", m.Chunks)
	}
	return nil
}

// chunkCount is length / size rounded up.
func chunkCount(length, size int) int {
	return length/size + min(1, length%size)
}

// ParseMeta parses a metadata record written by Meta.AppendBinary. A record
// of the wrong size, a wrong magic, a checksum that does not match or
// fields that disagree with each other give a *CorruptError whose Offset
// is the offset in the record.
func ParseMeta(b []byte) (Meta, error) {
	if len(b) != MetaLen {
		return Meta{}, &CorruptError{Offset: min(len(b), MetaLen), Reason: fmt.Sprintf("metadata record is %d bytes, want %d", len(b), MetaLen)}
	}
	if string(b[:4]) != metaMagic {
		return Meta{}, &CorruptError{Reason: fmt.Sprintf("metadata record starts with % x, want % x (\"KVM\" and version 1)", b[:4], metaMagic)}
	}
	if got, want := crc32.ChecksumIEEE(b[:24]), binary.BigEndian.Uint32(b[24:]); got != want {
		return Meta{}, &CorruptError{Offset: 24, Reason: fmt.Sprintf("metadata checksum is %08x but the record's bytes give %08x", want, got)}
	}
	length := binary.BigEndian.Uint64(b[12:])
	if length > uint64(maxInt) {
		return Meta{}, &CorruptError{Offset: 12, Reason: fmt.Sprintf("stream length %d does not fit in memory", length)}
	}
	m := Meta{
		ChunkSize: int(binary.BigEndian.Uint32(b[4:])),
		Chunks:    int(binary.BigEndian.Uint32(b[8:])),
		Length:    int(length),
		CRC:       binary.BigEndian.Uint32(b[20:]),
	}
	if err := m.check(); err != nil {
		return Meta{}, &CorruptError{Offset: 4, Reason: err.Error()}
	}
	return m, nil
}

const maxInt = int(^uint(0) >> 1)

// MetaRecord is a metadata record field by field, as an observer sees it
// built (StepChunkMeta) or read and checked (StepMetaRead): the Meta it
// describes, between the two fields that AppendBinary writes and
// ParseMeta checks for it.
type MetaRecord struct {
	// Magic is the record's first 4 bytes: "KVM" and the version, 1.
	Magic string
	Meta
	// RecordCRC is the record's last field: the CRC-32 (IEEE) of its
	// first 24 bytes.
	RecordCRC uint32
}

// metaRecord is the MetaRecord of b, a record that m.AppendBinary wrote
// or that ParseMeta read as m.
func metaRecord(m Meta, b []byte) MetaRecord {
	return MetaRecord{Magic: string(b[:4]), Meta: m, RecordCRC: binary.BigEndian.Uint32(b[24:])}
}

// cutChunks cuts stream into chunks of size bytes (the last may be
// shorter), ignoring record borders, and builds the metadata record. The
// chunks share stream's memory.
func cutChunks(stream []byte, size int, base string, obs func(Event)) (chunks [][]byte, meta []byte, err error) {
	m := Meta{ChunkSize: size, Chunks: chunkCount(len(stream), max(size, 1)), Length: len(stream), CRC: crc32.ChecksumIEEE(stream)}
	if err := m.check(); err != nil {
		return nil, nil, fmt.Errorf("kvstore: cannot cut the stream: %v", err)
	}
	chunks = make([][]byte, 0, m.Chunks)
	for off := 0; off < len(stream); off += size {
		chunk := stream[off:min(off+size, len(stream))] // step: chunk-cut
		chunks = append(chunks, chunk)
		if obs != nil {
			i := len(chunks) - 1
			obs(Event{
				Step: StepChunkCut, Kind: KindChunk, Offset: off, Bytes: clone(chunk), Index: i, Blob: ChunkName(base, i),
				Explain: fmt.Sprintf("cut stream bytes %d to %d into chunk %s (%d of at most %d bytes); the cut ignores where records begin and end", off, off+len(chunk)-1, ChunkName(base, i), len(chunk), size),
			})
		}
	}
	meta, _ = m.AppendBinary(nil) // step: chunk-meta
	if obs != nil {
		obs(Event{
			Step: StepChunkMeta, Kind: KindMeta, Bytes: clone(meta), Index: m.Chunks, Blob: MetaName(base), Meta: metaRecord(m, meta),
			Explain: fmt.Sprintf("built the %d-byte metadata record %s: %d %s of at most %d bytes, stream length %d, CRC-32 %08x", MetaLen, MetaName(base), m.Chunks, plural(m.Chunks, "chunk"), size, len(stream), m.CRC),
		})
	}
	return chunks, meta, nil
}

// joinChunks loads the metadata record of base from st, then its chunks in
// order, checks each against the metadata, and returns the joined stream.
func joinChunks(st Storage, base string, obs func(Event)) ([]byte, Meta, error) {
	metaName := MetaName(base)
	raw, err := st.Load(metaName)
	if err != nil {
		return nil, Meta{}, fmt.Errorf("kvstore: loading %s: %w", metaName, err)
	}
	m, err := ParseMeta(raw) // step: meta-read
	if err != nil {
		ce := err.(*CorruptError)
		ce.Blob, ce.BlobOffset, ce.Offset = metaName, ce.Offset, -1
		return nil, Meta{}, ce
	}
	if obs != nil {
		obs(Event{
			Step: StepMetaRead, Kind: KindMeta, Read: true, Bytes: clone(raw), Index: m.Chunks, Blob: metaName, Meta: metaRecord(m, raw),
			Explain: fmt.Sprintf("read the metadata record %s: expect %d %s of at most %d bytes, %d bytes in all, CRC-32 %08x", metaName, m.Chunks, plural(m.Chunks, "chunk"), m.ChunkSize, m.Length, m.CRC),
		})
	}
	// The metadata is checked but not trusted with memory: a forged length
	// must not make us allocate before the chunks prove it.
	stream := make([]byte, 0, min(m.Length, 1<<26))
	for i := range m.Chunks {
		name := ChunkName(base, i)
		chunk, err := st.Load(name)
		if err != nil {
			return nil, Meta{}, &CorruptError{Blob: name, Offset: len(stream), BlobOffset: -1, Reason: fmt.Sprintf("chunk %d of %d cannot be loaded: %v", i, m.Chunks, err), Err: err}
		}
		if want := min(m.ChunkSize, m.Length-len(stream)); len(chunk) != want {
			return nil, Meta{}, &CorruptError{Blob: name, Offset: len(stream) + min(len(chunk), want), BlobOffset: min(len(chunk), want), Reason: fmt.Sprintf("chunk is %d bytes but the metadata says %d", len(chunk), want)}
		}
		off := len(stream)
		stream = append(stream, chunk...) // step: chunk-join
		if obs != nil {
			obs(Event{
				Step: StepChunkJoin, Kind: KindChunk, Read: true, Offset: off, Bytes: clone(chunk), Index: i, Blob: name,
				Explain: fmt.Sprintf("appended chunk %s (%d bytes) at stream offset %d; %d of %d bytes joined", name, len(chunk), off, len(stream), m.Length),
			})
		}
	}
	extra := ChunkName(base, m.Chunks)
	if _, err := st.Load(extra); err == nil {
		return nil, Meta{}, &CorruptError{Blob: extra, Offset: -1, BlobOffset: -1, Reason: fmt.Sprintf("extra chunk: the metadata lists only %d", m.Chunks)}
	} else if !isNotExist(err) {
		return nil, Meta{}, fmt.Errorf("kvstore: checking for an extra chunk %s: %w", extra, err)
	}
	if sum := crc32.ChecksumIEEE(stream); sum != m.CRC { // step: chunk-check
		return nil, Meta{}, &CorruptError{Blob: metaName, Offset: -1, BlobOffset: 20, Reason: fmt.Sprintf("the joined chunks have CRC-32 %08x but the metadata says %08x", sum, m.CRC)}
	}
	if obs != nil {
		obs(Event{
			Step: StepChunkCheck, Kind: KindCheck, Read: true, Offset: len(stream), Index: m.Chunks, Blob: metaName,
			Explain: fmt.Sprintf("the %d joined bytes have CRC-32 %08x as the metadata says, and no chunk is missing or extra: parsing can start", len(stream), m.CRC),
		})
	}
	return stream, m, nil
}

// checkPair reports why pairs[i] cannot be encoded, or nil: a key or
// value too long for its prefix, or a key out of order. It does not check
// UTF-8 (see AppendEncode).
func checkPair(pairs []Pair, i int) error {
	p := pairs[i]
	if uint64(len(p.Key)) > MaxLen || uint64(len(p.Value)) > MaxLen {
		return fmt.Errorf("kvstore: pair %d: key of %d bytes or value of %d bytes is longer than the %d a 4-byte prefix can count", i, len(p.Key), len(p.Value), uint64(MaxLen))
	}
	if i > 0 && p.Key <= pairs[i-1].Key {
		return fmt.Errorf("kvstore: pair %d: key %q is not after the previous key %q: pairs must be in strictly increasing key order", i, p.Key, pairs[i-1].Key)
	}
	return nil
}

// checkField reports why s cannot be a key or value (what), or nil.
func checkField(what, s string) error {
	if uint64(len(s)) > MaxLen {
		return fmt.Errorf("%s of %d bytes is longer than the %d a 4-byte prefix can count", what, len(s), uint64(MaxLen))
	}
	if i := invalidAt(s); i >= 0 {
		return fmt.Errorf("%s %q is not valid UTF-8: bad byte %02x at %d", what, s, s[i], i)
	}
	return nil
}

// badText is the *CorruptError for the key or value s, read at stream
// offset off, that is not valid UTF-8.
func badText(s, what string, off int) error {
	i := max(invalidAt(s), 0)
	return corrupt(off+i, "%s is not valid UTF-8: bad byte %02x at %d of its %d bytes", what, s[i], i, len(s))
}

// invalidAt returns the index of the first byte of s that is not part of
// valid UTF-8, or -1.
func invalidAt(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return -1
}
