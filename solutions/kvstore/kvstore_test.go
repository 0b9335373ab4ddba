package kvstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func mustEncode(t *testing.T, pairs ...Pair) []byte {
	t.Helper()
	b, err := Encode(pairs)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEncodeClassic(t *testing.T) {
	got := mustEncode(t, Pair{"A", "BC"})
	want := []byte{0, 0, 0, 1, 'A', 0, 0, 0, 2, 'B', 'C'}
	if !bytes.Equal(got, want) {
		t.Fatalf("put(A, BC) = % x, want % x", got, want)
	}
}

func TestEncodeCountsBytesNotCharacters(t *testing.T) {
	got := mustEncode(t, Pair{"名字", "值"})
	// 名字 is 2 characters but 6 bytes; 值 is 1 character but 3 bytes.
	want := "00 00 00 06 e5 90 8d e5 ad 97 00 00 00 03 e5 80 bc"
	if fmt.Sprintf("% x", got) != want {
		t.Fatalf("got % x, want %s", got, want)
	}
}

func TestEncodeEmptyAndEdgeStrings(t *testing.T) {
	got := mustEncode(t, Pair{"", ""}, Pair{"\x00\x00\x00\x05", "\x00\x00\x00\x09"})
	want := "00 00 00 00 00 00 00 00 00 00 00 04 00 00 00 05 00 00 00 04 00 00 00 09"
	if fmt.Sprintf("% x", got) != want {
		t.Fatalf("got % x, want %s", got, want)
	}
	pairs, err := DecodePairs(got)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 2 || pairs[0] != (Pair{}) || pairs[1].Value != "\x00\x00\x00\x09" {
		t.Fatalf("decoded %q", pairs)
	}
	if b, err := Encode(nil); err != nil || len(b) != 0 {
		t.Fatalf("Encode(nil) = %v, %v", b, err)
	}
	if p, err := DecodePairs(nil); err != nil || len(p) != 0 {
		t.Fatalf("DecodePairs(nil) = %v, %v", p, err)
	}
}

func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		pairs []Pair
		want  string
	}{
		{[]Pair{{"b", "1"}, {"a", "2"}}, `pair 1: key "a" is not after the previous key "b"`},
		{[]Pair{{"a", "1"}, {"a", "2"}}, `pair 1: key "a" is not after the previous key "a"`},
	}
	for _, tt := range tests {
		dst := []byte("keep")
		got, err := AppendEncode(dst, tt.pairs)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("AppendEncode(%q) error = %v, want %q", tt.pairs, err, tt.want)
		}
		if string(got) != "keep" {
			t.Errorf("AppendEncode(%q) changed dst to %q", tt.pairs, got)
		}
	}
}

// Encode leaves UTF-8 to Put; a stream made from invalid UTF-8 is refused
// when it comes back.
func TestEncodeLeavesUTF8ToPutAndDecode(t *testing.T) {
	b, err := Encode([]Pair{{"k", "ok\xc3"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodePairs(b); err == nil || !strings.Contains(err.Error(), "offset 11: value is not valid UTF-8: bad byte c3 at 2") {
		t.Fatalf("decode of invalid UTF-8: %v", err)
	}
	var s Store
	if err := s.Put("k", "ok\xc3"); err == nil {
		t.Fatal("Put accepted invalid UTF-8")
	}
}

func TestDecodeErrors(t *testing.T) {
	ok := mustEncode(t, Pair{"A", "BC"}, Pair{"B", "D"}) // 11 + 10 bytes
	be := func(n uint32) string { return string(binary.BigEndian.AppendUint32(nil, n)) }
	tests := []struct {
		name   string
		stream string
		offset int
		reason string
	}{
		{"ends inside key prefix", string(ok[:13]), 11, "stream ends inside a key length prefix: 2 of 4 bytes left"},
		{"ends inside value prefix", string(ok[:7]), 5, "stream ends inside a value length prefix: 2 of 4 bytes left"},
		{"key longer than rest", be(9) + "abc", 0, "key length 9 is more than the 3 bytes left"},
		{"key of 4 GiB - 1", be(MaxLen) + "abc", 0, "key length 4294967295 is more than the 3 bytes left"},
		{"value longer than rest", be(1) + "A" + be(3) + "BC", 5, "value length 3 is more than the 2 bytes left"},
		{"forgot the value", be(1) + "A", 5, "stream ends inside a value length prefix: 0 of 4 bytes left"},
		{"invalid UTF-8 key", be(2) + "a\xff" + be(0), 5, "key is not valid UTF-8: bad byte ff at 1 of its 2 bytes"},
		{"invalid UTF-8 value", be(0) + be(3) + "\xe5\x90x", 8, "value is not valid UTF-8: bad byte e5 at 0 of its 3 bytes"},
		{"out of order", string(ok[11:]) + string(ok[:11]), 14, `key "A" is not after the previous key "B"`},
		{"duplicate", string(ok[:11]) + string(ok[:11]), 15, `key "A" is not after the previous key "A"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pairs, err := DecodePairs([]byte(tt.stream))
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T), want a *CorruptError", err, err)
			}
			if pairs != nil {
				t.Errorf("pairs = %q, want none", pairs)
			}
			if ce.Offset != tt.offset || !strings.HasPrefix(ce.Reason, tt.reason) {
				t.Errorf("offset %d reason %q, want %d %q", ce.Offset, ce.Reason, tt.offset, tt.reason)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("%v does not match ErrCorrupt", err)
			}
			if want := fmt.Sprintf("offset %d:", tt.offset); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		})
	}
}

func TestStoreBasics(t *testing.T) {
	var s Store
	if s.Len() != 0 || len(s.Keys()) != 0 {
		t.Fatal("zero Store is not empty")
	}
	if _, ok := s.Get("x"); ok {
		t.Fatal("Get on the zero Store found x")
	}
	for _, kv := range [][2]string{{"b", "2"}, {"a", "1"}, {"c", "3"}, {"a", "one"}} {
		if err := s.Put(kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	if v, ok := s.Get("a"); !ok || v != "one" {
		t.Fatalf("Get(a) = %q, %v", v, ok)
	}
	if !s.Delete("c") || s.Delete("c") {
		t.Fatal("Delete(c) should report true then false")
	}
	if got := s.Keys(); !slices.Equal(got, []string{"a", "b"}) || s.Len() != 2 {
		t.Fatalf("Keys = %q, Len = %d", got, s.Len())
	}
	if err := s.Put("bad\xff", "v"); err == nil || !strings.Contains(err.Error(), `key "bad\xff" is not valid UTF-8`) {
		t.Fatalf("Put of invalid UTF-8 key: %v", err)
	}
	if err := s.Put("k", "\xc0"); err == nil || !strings.Contains(err.Error(), `value "\xc0"`) {
		t.Fatalf("Put of invalid UTF-8 value: %v", err)
	}
	if s.Len() != 2 {
		t.Fatal("a refused Put changed the store")
	}
}

func filled(t *testing.T, pairs map[string]string, chunk int) *Store {
	t.Helper()
	s := &Store{ChunkSize: chunk}
	for k, v := range pairs {
		if err := s.Put(k, v); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func contents(s *Store) map[string]string {
	m := map[string]string{}
	for _, p := range s.Pairs() {
		m[p.Key] = p.Value
	}
	return m
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

var sample = map[string]string{"A": "BC", "名字": "值", "": "empty key", "zero": "", "k\x00": "\x00\x00\x00\x07"}

func TestShutdownRestore(t *testing.T) {
	for _, chunk := range []int{0, 1, 3, 7, 1024} {
		for _, st := range []Storage{&MemStorage{}, DirStorage{Dir: t.TempDir()}} {
			t.Run(fmt.Sprintf("chunk=%d/%T", chunk, st), func(t *testing.T) {
				s := filled(t, sample, chunk)
				if err := s.Shutdown(st); err != nil {
					t.Fatal(err)
				}
				r := &Store{ChunkSize: chunk}
				_ = r.Put("stale", "gone after restore")
				if err := r.Restore(st); err != nil {
					t.Fatal(err)
				}
				if got := contents(r); !sameMap(got, sample) {
					t.Fatalf("restored %q, want %q", got, sample)
				}
			})
		}
	}
}

func TestShutdownIsDeterministic(t *testing.T) {
	a, b := filled(t, sample, 0), &Store{}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range sample {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range slices.Backward(keys) {
		_ = b.Put(k, sample[k])
	}
	x, _ := a.MarshalBinary()
	y, _ := b.MarshalBinary()
	if !bytes.Equal(x, y) {
		t.Fatalf("same contents, different bytes:\n% x\n% x", x, y)
	}
	want, _ := Encode(a.Pairs())
	if !bytes.Equal(x, want) {
		t.Fatal("MarshalBinary differs from Encode of Pairs")
	}
}

func TestChunkNamesAndLayout(t *testing.T) {
	st := &MemStorage{MaxBlob: 28}
	s := filled(t, map[string]string{"A": "BC", "B": "D"}, 4) // 21 bytes: 6 chunks
	if err := s.Shutdown(st); err != nil {
		t.Fatal(err)
	}
	want := []string{"kvstore.chunk.0", "kvstore.chunk.1", "kvstore.chunk.2", "kvstore.chunk.3", "kvstore.chunk.4", "kvstore.chunk.5", "kvstore.meta"}
	if got := st.Names(); !slices.Equal(got, want) {
		t.Fatalf("names %q, want %q", got, want)
	}
	last, _ := st.Load("kvstore.chunk.5")
	if len(last) != 1 {
		t.Fatalf("last chunk is %d bytes, want 1", len(last))
	}
	meta, _ := st.Load("kvstore.meta")
	stream, _ := s.MarshalBinary()
	wantMeta := "4b 56 4d 01 00 00 00 04 00 00 00 06 00 00 00 00 00 00 00 15" +
		fmt.Sprintf(" % x", binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(stream)))
	if got := fmt.Sprintf("% x", meta[:24]); got != wantMeta {
		t.Fatalf("meta = %s, want %s", got, wantMeta)
	}
	if got := binary.BigEndian.Uint32(meta[24:]); got != crc32.ChecksumIEEE(meta[:24]) {
		t.Fatalf("meta self-checksum %08x is wrong", got)
	}
	// A smaller stream later deletes the chunks it no longer needs.
	s.Delete("B")
	if err := s.Shutdown(st); err != nil {
		t.Fatal(err)
	}
	if got := st.Names(); len(got) != 4 { // 11 bytes: 3 chunks + meta
		t.Fatalf("after shrinking, names %q", got)
	}
	// A storage limit smaller than the chunk refuses the save.
	s.ChunkSize = 64
	_ = s.Put("long", strings.Repeat("x", 40))
	if err := s.Shutdown(st); err == nil || !strings.Contains(err.Error(), "limit of 28") {
		t.Fatalf("oversized chunk: %v", err)
	}
}

func TestEmptyStoreChunked(t *testing.T) {
	st := &MemStorage{}
	if err := (&Store{ChunkSize: 8}).Shutdown(st); err != nil {
		t.Fatal(err)
	}
	if got := st.Names(); !slices.Equal(got, []string{"kvstore.meta"}) {
		t.Fatalf("names %q", got)
	}
	r := filled(t, map[string]string{"x": "y"}, 8)
	if err := r.Restore(st); err != nil || r.Len() != 0 {
		t.Fatalf("restore of empty: %v, len %d", err, r.Len())
	}
}

// chunkedFixture saves sample with chunk size 5 and returns the storage.
func chunkedFixture(t *testing.T) (*MemStorage, []byte) {
	t.Helper()
	st := &MemStorage{}
	s := filled(t, sample, 5)
	if err := s.Shutdown(st); err != nil {
		t.Fatal(err)
	}
	stream, _ := s.MarshalBinary()
	return st, stream
}

func writeMeta(t *testing.T, st Storage, m Meta, edit func([]byte)) {
	t.Helper()
	b := make([]byte, 0, MetaLen)
	b = append(b, metaMagic...)
	b = binary.BigEndian.AppendUint32(b, uint32(m.ChunkSize))
	b = binary.BigEndian.AppendUint32(b, uint32(m.Chunks))
	b = binary.BigEndian.AppendUint64(b, uint64(m.Length))
	b = binary.BigEndian.AppendUint32(b, m.CRC)
	if edit != nil {
		edit(b)
	}
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	if err := st.Save("kvstore.meta", b); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreErrorsLeaveStoreAsItWas(t *testing.T) {
	before := map[string]string{"keep": "me", "and": "me too"}
	tests := []struct {
		name  string
		spoil func(t *testing.T, st *MemStorage, stream []byte)
		want  string
	}{
		{"missing metadata", func(t *testing.T, st *MemStorage, _ []byte) { _ = st.Delete("kvstore.meta") },
			"loading kvstore.meta"},
		{"missing chunk", func(t *testing.T, st *MemStorage, _ []byte) { _ = st.Delete("kvstore.chunk.3") },
			"corrupt kvstore.chunk.3: chunk 3 of 15 cannot be loaded"},
		{"extra chunk", func(t *testing.T, st *MemStorage, _ []byte) { _ = st.Save("kvstore.chunk.15", []byte("x")) },
			"corrupt kvstore.chunk.15: extra chunk: the metadata lists only 15"},
		{"short chunk", func(t *testing.T, st *MemStorage, _ []byte) { _ = st.Save("kvstore.chunk.2", []byte("abc")) },
			"corrupt kvstore.chunk.2 at offset 3 (stream offset 13): chunk is 3 bytes but the metadata says 5"},
		{"long last chunk", func(t *testing.T, st *MemStorage, _ []byte) {
			b, _ := st.Load("kvstore.chunk.14")
			_ = st.Save("kvstore.chunk.14", append(b, 'x'))
		}, "corrupt kvstore.chunk.14 at offset 1 (stream offset 71): chunk is 2 bytes but the metadata says 1"},
		{"flipped byte", func(t *testing.T, st *MemStorage, _ []byte) {
			b, _ := st.Load("kvstore.chunk.7")
			b[1] ^= 0x20
			_ = st.Save("kvstore.chunk.7", b)
		}, "corrupt kvstore.meta at offset 20: the joined chunks have CRC-32"},
		{"metadata checksum", func(t *testing.T, st *MemStorage, _ []byte) {
			b, _ := st.Load("kvstore.meta")
			b[11]++
			_ = st.Save("kvstore.meta", b)
		}, "corrupt kvstore.meta at offset 24: metadata checksum is"},
		{"metadata count disagrees", func(t *testing.T, st *MemStorage, s []byte) {
			writeMeta(t, st, Meta{ChunkSize: 5, Chunks: 14, Length: len(s), CRC: crc32.ChecksumIEEE(s)}, nil)
		}, "chunk count 14 disagrees with stream length 71 and chunk size 5, which need 15"},
		{"metadata magic", func(t *testing.T, st *MemStorage, s []byte) {
			writeMeta(t, st, Meta{ChunkSize: 5, Chunks: 15, Length: len(s), CRC: crc32.ChecksumIEEE(s)}, func(b []byte) { b[3] = 2 })
		}, `metadata record starts with 4b 56 4d 02, want 4b 56 4d 01`},
		{"metadata truncated", func(t *testing.T, st *MemStorage, _ []byte) {
			b, _ := st.Load("kvstore.meta")
			_ = st.Save("kvstore.meta", b[:20])
		}, "metadata record is 20 bytes, want 28"},
		{"stream corrupt inside a chunk", func(t *testing.T, st *MemStorage, s []byte) {
			// A stream whose last byte is not UTF-8, with honest metadata,
			// so only the parser can find it.
			bad := clone(s)
			bad[len(bad)-1] = 0xff // 值 (e5 80 bc) loses its last byte
			for i := range 15 {
				_ = st.Save(ChunkName("kvstore", i), bad[i*5:min(i*5+5, len(bad))])
			}
			writeMeta(t, st, Meta{ChunkSize: 5, Chunks: 15, Length: len(bad), CRC: crc32.ChecksumIEEE(bad)}, nil)
		}, "corrupt kvstore.chunk.13 at offset 3 (stream offset 68): value is not valid UTF-8: bad byte e5 at 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, stream := chunkedFixture(t)
			if len(stream) != 71 {
				t.Fatalf("fixture stream is %d bytes; the cases assume 71", len(stream))
			}
			tt.spoil(t, st, stream)
			s := filled(t, before, 5)
			err := s.Restore(st)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Restore error = %v, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
			if got := contents(s); !sameMap(got, before) {
				t.Fatalf("failed Restore changed the store to %q", got)
			}
		})
	}
}

func TestRestoreUnchunkedErrors(t *testing.T) {
	st := &MemStorage{}
	s := filled(t, map[string]string{"x": "1"}, 0)
	err := s.Restore(st)
	if !errors.Is(err, fs.ErrNotExist) || s.Len() != 1 {
		t.Fatalf("restore without a blob: %v, len %d", err, s.Len())
	}
	_ = st.Save("kvstore", []byte{0, 0, 0, 1, 'A', 0, 0})
	err = s.Restore(st)
	if err == nil || err.Error() != "kvstore: corrupt kvstore at offset 5 (stream offset 5): stream ends inside a value length prefix: 2 of 4 bytes left" {
		t.Fatalf("restore of a torn blob: %v", err)
	}
	if v, _ := s.Get("x"); v != "1" {
		t.Fatal("failed Restore changed the store")
	}
	if err := (&Store{Name: "../escape"}).Shutdown(st); err == nil {
		t.Fatal("a blob name with a path was accepted")
	}
}

func TestMetaRoundTripAndRefusals(t *testing.T) {
	m := Meta{ChunkSize: 1024, Chunks: 3, Length: 2049, CRC: 0xdeadbeef}
	b, err := m.AppendBinary(nil)
	if err != nil || len(b) != MetaLen {
		t.Fatalf("AppendBinary: %d bytes, %v", len(b), err)
	}
	got, err := ParseMeta(b)
	if err != nil || got != m {
		t.Fatalf("ParseMeta = %+v, %v", got, err)
	}
	for _, bad := range []Meta{{ChunkSize: 0}, {ChunkSize: 4, Chunks: 2, Length: 4}, {ChunkSize: 4, Length: -1}} {
		if _, err := bad.AppendBinary(nil); err == nil {
			t.Errorf("AppendBinary(%+v) accepted", bad)
		}
	}
}

func TestDirStorage(t *testing.T) {
	dir := t.TempDir()
	d := DirStorage{Dir: dir}
	if err := d.Save("blob", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := d.Save("blob", []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, err := d.Load("blob"); err != nil || string(b) != "two" {
		t.Fatalf("Load = %q, %v", b, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
	for _, name := range []string{"", ".hidden", "a/b", "..", `a\b`} {
		if err := d.Save(name, nil); err == nil {
			t.Errorf("Save(%q) accepted", name)
		}
	}
	if _, err := d.Load("nothing"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing blob: %v", err)
	}
	if err := d.Delete("blob"); err != nil {
		t.Fatal(err)
	}
	if err := d.Delete("blob"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("second Delete: %v", err)
	}
	if err := (DirStorage{Dir: filepath.Join(dir, "missing")}).Save("x", nil); err == nil || !strings.Contains(err.Error(), "saving x") {
		t.Fatalf("Save into a missing directory: %v", err)
	}
}

func TestMemStorageCopies(t *testing.T) {
	var m MemStorage
	b := []byte("abc")
	_ = m.Save("x", b)
	b[0] = 'z'
	got, _ := m.Load("x")
	got[1] = 'z'
	again, _ := m.Load("x")
	if string(again) != "abc" {
		t.Fatalf("MemStorage shares memory: %q", again)
	}
}

// TestConcurrentUse puts, reads and shuts down from several goroutines;
// run it with -race.
func TestConcurrentUse(t *testing.T) {
	var s Store
	st := &MemStorage{}
	done := make(chan bool)
	for g := range 4 {
		go func() {
			for i := range 50 {
				k := fmt.Sprintf("g%d-%d", g, i)
				if err := s.Put(k, "v"); err != nil {
					t.Error(err)
				}
				if v, ok := s.Get(k); !ok || v != "v" {
					t.Errorf("Get(%s) = %q, %v", k, v, ok)
				}
				if i%10 == 0 {
					if err := s.Shutdown(st); err != nil {
						t.Error(err)
					}
				}
			}
			done <- true
		}()
	}
	for range 4 {
		<-done
	}
	if s.Len() != 200 {
		t.Fatalf("Len = %d, want 200", s.Len())
	}
	var r Store
	if err := r.Restore(st); err != nil || r.Len() == 0 {
		t.Fatalf("Restore after concurrent shutdowns: %v, %d pairs", err, r.Len())
	}
}
