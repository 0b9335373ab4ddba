package kvstore

import (
	"bytes"
	"errors"
	"hash/crc32"
	"testing"
)

func seedStreams() [][]byte {
	var out [][]byte
	for _, pairs := range [][]Pair{
		nil,
		{{"A", "BC"}},
		{{"", ""}},
		{{"A", "BC"}, {"名字", "值"}},
		{{"", "\x00\x00\x00\x01"}, {"\x00\x00\x00\x05", "x"}},
	} {
		b, _ := Encode(pairs)
		out = append(out, b)
	}
	return append(out,
		[]byte{0, 0, 0, 1, 'A', 0, 0},                                    // ends inside a prefix
		[]byte{0, 0, 0, 9, 'A'},                                          // prefix longer than the rest
		[]byte{0xff, 0xff, 0xff, 0xff},                                   // 4 GiB - 1 claimed
		[]byte{0, 0, 0, 1, 0xff, 0, 0, 0, 0},                             // invalid UTF-8
		[]byte{0, 0, 0, 1, 'B', 0, 0, 0, 0, 0, 0, 0, 1, 'A', 0, 0, 0, 0}, // out of order
	)
}

// FuzzDecodePairs checks that the decoder never panics, that every error is
// a *CorruptError pointing inside the input, that a stream it accepts is
// canonical (encoding the pairs again gives the same bytes), and that the
// observed decoder and AppendDecode agree on it.
func FuzzDecodePairs(f *testing.F) {
	for _, b := range seedStreams() {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agreeDecoders(t, data)
		pairs, err := DecodePairs(data)
		if err != nil {
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not a *CorruptError", err)
			}
			if ce.Offset < 0 || ce.Offset > len(data) || pairs != nil {
				t.Fatalf("offset %d beyond the %d-byte input, or pairs with an error", ce.Offset, len(data))
			}
			return
		}
		again, err := Encode(pairs)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted % x but it encodes back to % x (%v)", data, again, err)
		}
		if countRecords(data) != len(pairs) {
			t.Fatalf("countRecords %d, decoded %d", countRecords(data), len(pairs))
		}
	})
}

// FuzzParseMeta checks that a metadata record it accepts encodes back to
// the same bytes.
func FuzzParseMeta(f *testing.F) {
	good, _ := Meta{ChunkSize: 4, Chunks: 3, Length: 11, CRC: 0x1234}.AppendBinary(nil)
	empty, _ := Meta{ChunkSize: 1}.AppendBinary(nil)
	f.Add(good)
	f.Add(empty)
	f.Add(good[:20])
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMeta(data)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not a *CorruptError", err)
			}
			return
		}
		again, err := m.AppendBinary(nil)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted % x but it encodes back to % x (%v)", data, again, err)
		}
	})
}

// FuzzRestoreChunked saves stream in chunks of size with the given
// metadata record and restores it: never a panic; on success the store
// holds exactly the stream; on failure the store is unchanged and the
// error names a blob.
func FuzzRestoreChunked(f *testing.F) {
	for _, b := range seedStreams() {
		for _, size := range []uint8{1, 4, 200} {
			m := Meta{ChunkSize: int(size), Chunks: chunkCount(len(b), int(size)), Length: len(b), CRC: crc32.ChecksumIEEE(b)}
			meta, _ := m.AppendBinary(nil)
			f.Add(meta, b, size)
		}
	}
	f.Fuzz(func(t *testing.T, meta, stream []byte, size uint8) {
		n := max(int(size)%64, 1)
		st := &MemStorage{}
		for i := 0; i*n < len(stream); i++ {
			_ = st.Save(ChunkName(DefaultName, i), stream[i*n:min(i*n+n, len(stream))])
		}
		_ = st.Save(MetaName(DefaultName), meta)
		s := &Store{ChunkSize: 1}
		_ = s.Put("sentinel", "kept")
		if err := s.Restore(st); err != nil {
			if v, ok := s.Get("sentinel"); !ok || v != "kept" || s.Len() != 1 {
				t.Fatalf("failed Restore (%v) changed the store", err)
			}
			var ce *CorruptError
			if errors.As(err, &ce) && ce.Blob == "" {
				t.Fatalf("error %v names no blob", err)
			}
			return
		}
		got, _ := s.MarshalBinary()
		if !bytes.Equal(got, stream) {
			t.Fatalf("restored % x from % x", got, stream)
		}
	})
}
