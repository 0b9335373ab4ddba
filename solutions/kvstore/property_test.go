package kvstore

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

// text draws strings that stress the format: empty ones, multi-byte UTF-8,
// and ones that look like length prefixes.
func text() *rapid.Generator[string] {
	return rapid.OneOf(
		rapid.Just(""),
		rapid.StringN(0, 12, -1),
		rapid.SampledFrom([]string{"名字", "值", "é", "😀", "\x00\x00\x00\x01", "\x00\x00\x00\x00", "\x00\x00\x00\x7f", "A", "BC"}),
		// Four ASCII bytes, so still UTF-8, read as a length would be
		// 0 to 2139062143.
		rapid.Custom(func(t *rapid.T) string {
			return string(rapid.SliceOfN(rapid.ByteRange(0, 0x7f), 4, 4).Draw(t, "prefix"))
		}),
	)
}

func TestPropertyRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.MapOf(text(), text()).Draw(t, "m")
		var s Store
		for k, v := range m {
			if err := s.Put(k, v); err != nil {
				t.Fatal(err)
			}
		}
		pairs := s.Pairs()
		stream, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if len(stream) != EncodedLen(pairs) {
			t.Fatalf("stream is %d bytes, EncodedLen says %d", len(stream), EncodedLen(pairs))
		}
		want := 0
		for k, v := range m {
			want += 8 + len(k) + len(v)
		}
		if len(stream) != want {
			t.Fatalf("stream is %d bytes, want 8 per pair plus the bytes: %d", len(stream), want)
		}
		got, err := DecodePairs(stream)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, pairs) {
			t.Fatalf("decoded %q, want %q", got, pairs)
		}
		var r Store
		if err := r.UnmarshalBinary(stream); err != nil {
			t.Fatal(err)
		}
		if !sameMap(contents(&r), m) {
			t.Fatalf("UnmarshalBinary gave %q, want %q", contents(&r), m)
		}
	})
}

func TestPropertyChunkedShutdownRestore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.MapOf(text(), text()).Draw(t, "m")
		chunk := rapid.IntRange(1, 64).Draw(t, "chunk")
		st := &MemStorage{MaxBlob: max(chunk, MetaLen)}
		s := &Store{ChunkSize: chunk}
		for k, v := range m {
			_ = s.Put(k, v)
		}
		if err := s.Shutdown(st); err != nil {
			t.Fatal(err)
		}
		stream, _ := s.MarshalBinary()
		wantChunks := (len(stream) + chunk - 1) / chunk
		if n := len(st.Names()); n != wantChunks+1 {
			t.Fatalf("%d blobs for a %d-byte stream in chunks of %d, want %d", n, len(stream), chunk, wantChunks+1)
		}
		var joined []byte
		for i := range wantChunks {
			b, err := st.Load(ChunkName(DefaultName, i))
			if err != nil {
				t.Fatal(err)
			}
			joined = append(joined, b...)
		}
		if !bytes.Equal(joined, stream) {
			t.Fatal("the chunks joined are not the classic stream")
		}
		r := &Store{ChunkSize: rapid.IntRange(1, 64).Draw(t, "restore chunk")}
		if err := r.Restore(st); err != nil {
			t.Fatal(err)
		}
		if !sameMap(contents(r), m) {
			t.Fatalf("restored %q, want %q", contents(r), m)
		}
	})
}

// TestPropertyCorruptionIsCaught flips, cuts or extends a chunked save and
// checks that Restore either refuses it, leaving the store alone, or (when
// the change cancels out) restores exactly the original.
func TestPropertyCorruptionIsCaught(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.MapOfN(text(), text(), 1, 8).Draw(t, "m")
		chunk := rapid.IntRange(1, 16).Draw(t, "chunk")
		st := &MemStorage{}
		s := &Store{ChunkSize: chunk}
		for k, v := range m {
			_ = s.Put(k, v)
		}
		_ = s.Shutdown(st)
		names := st.Names()
		name := rapid.SampledFrom(names).Draw(t, "blob")
		b, _ := st.Load(name)
		switch rapid.IntRange(0, 2).Draw(t, "how") {
		case 0:
			if len(b) == 0 {
				t.Skip("empty blob")
			}
			i := rapid.IntRange(0, len(b)-1).Draw(t, "at")
			b[i] ^= byte(rapid.IntRange(1, 255).Draw(t, "xor"))
		case 1:
			b = b[:rapid.IntRange(0, max(0, len(b)-1)).Draw(t, "cut")]
		case 2:
			b = append(b, byte(rapid.IntRange(0, 255).Draw(t, "extra")))
		}
		_ = st.Save(name, b)
		r := &Store{ChunkSize: chunk}
		_ = r.Put("sentinel", "kept")
		err := r.Restore(st)
		if err == nil {
			t.Fatalf("Restore accepted a spoiled %s", name)
		}
		if !strings.Contains(err.Error(), "kvstore.") || strings.Contains(err.Error(), "\n") {
			t.Fatalf("error %q does not name the blob on one line", err)
		}
		if v, ok := r.Get("sentinel"); !ok || v != "kept" || r.Len() != 1 {
			t.Fatal("failed Restore changed the store")
		}
	})
}

// TestPropertyDecodeNeverPanics feeds arbitrary bytes, and prefixes that
// claim more than remains, to the decoder.
func TestPropertyDecodeNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := rapid.SliceOfN(rapid.Byte(), 0, 64).Draw(t, "b")
		pairs, err := DecodePairs(b)
		if err != nil {
			if pairs != nil {
				t.Fatal("pairs and an error")
			}
			return
		}
		again, err := Encode(pairs)
		if err != nil || !bytes.Equal(again, b) {
			t.Fatalf("decode then encode of % x gave % x, %v", b, again, err)
		}
	})
}

func TestObserverSeesEveryField(t *testing.T) {
	var events []Event
	s := &Store{ChunkSize: 4, Observe: func(e Event) { events = append(events, e) }}
	_ = s.Put("名字", "值")
	_ = s.Put("A", "BC")
	st := &MemStorage{}
	if err := s.Shutdown(st); err != nil {
		t.Fatal(err)
	}
	stream, _ := Encode(s.Pairs())
	events = events[:0]
	if err := s.Shutdown(st); err != nil {
		t.Fatal(err)
	}
	var steps []string
	var written []byte
	for _, e := range events {
		steps = append(steps, string(e.Step))
		if e.Step[:6] == "encode" {
			if e.Offset != len(written) {
				t.Errorf("%s at offset %d, want %d", e.Step, e.Offset, len(written))
			}
			written = append(written, e.Bytes...)
		}
		if strings.TrimSpace(e.Explain) == "" || strings.Contains(e.Explain, "\n") {
			t.Errorf("%s: explanation %q", e.Step, e.Explain)
		}
	}
	if !bytes.Equal(written, stream) {
		t.Fatalf("encode events wrote % x, stream is % x", written, stream)
	}
	wantSteps := "encode-begin encode-key-len encode-key encode-value-len encode-value " +
		"encode-key-len encode-key encode-value-len encode-value " +
		"chunk-cut chunk-cut chunk-cut chunk-cut chunk-cut chunk-cut chunk-cut chunk-meta"
	if got := strings.Join(steps, " "); got != wantSteps {
		t.Fatalf("steps:\n%s\nwant\n%s", got, wantSteps)
	}
	if got := events[2].Explain; got != `wrote the key "A" at offset 4: 1 byte (41)` {
		t.Errorf("explanation %q", got)
	}
	if got := events[6].Explain; got != `wrote the key "名字" at offset 15: 2 characters but 6 bytes of UTF-8 (e5 90 8d e5 ad 97)` {
		t.Errorf("explanation %q", got)
	}

	events = events[:0]
	if err := s.Restore(st); err != nil {
		t.Fatal(err)
	}
	steps = steps[:0]
	cursor := 0
	var pairs []string
	for _, e := range events {
		steps = append(steps, string(e.Step))
		switch e.Kind {
		case KindKeyLen, KindKey, KindValueLen, KindValue:
			if e.Offset != cursor {
				t.Errorf("%s reads at %d, but the cursor is at %d", e.Step, e.Offset, cursor)
			}
			if !bytes.Equal(e.Bytes, stream[e.Offset:e.Offset+len(e.Bytes)]) {
				t.Errorf("%s reports bytes % x that are not the stream's", e.Step, e.Bytes)
			}
			cursor += len(e.Bytes)
		case KindPair:
			if e.Offset != cursor {
				t.Errorf("pair event at %d, cursor %d", e.Offset, cursor)
			}
			pairs = append(pairs, e.Key+"="+e.Value)
		}
	}
	wantSteps = "meta-read chunk-join chunk-join chunk-join chunk-join chunk-join chunk-join chunk-join chunk-check " +
		"decode-begin decode-key-len decode-key decode-value-len decode-value decode-pair " +
		"decode-key-len decode-key decode-value-len decode-value decode-pair"
	if got := strings.Join(steps, " "); got != wantSteps {
		t.Fatalf("restore steps:\n%s\nwant\n%s", got, wantSteps)
	}
	if cursor != len(stream) || strings.Join(pairs, " ") != "A=BC 名字=值" {
		t.Fatalf("cursor %d of %d, pairs %q", cursor, len(stream), pairs)
	}
}

func TestEventBytesAreCopies(t *testing.T) {
	var kept []Event
	s := &Store{Observe: func(e Event) { kept = append(kept, e) }}
	_ = s.Put("k", "v")
	b, _ := s.MarshalBinary()
	b[4] = 'X'
	if kept[2].Bytes[0] != 'k' {
		t.Fatal("an event's bytes alias the stream")
	}
}

func TestNilObserverAllocations(t *testing.T) {
	pairs := []Pair{{"a", "1"}, {"b", strings.Repeat("x", 100)}, {"名字", "值"}}
	if n := testing.AllocsPerRun(100, func() { _, _ = Encode(pairs) }); n != 1 {
		t.Errorf("Encode allocates %v times, want 1 (the stream)", n)
	}
	stream, _ := Encode(pairs)
	if n := testing.AllocsPerRun(100, func() { _, _ = DecodePairs(stream) }); n != 2 {
		t.Errorf("DecodePairs allocates %v times, want 2 (the pairs and one string)", n)
	}
	buf := make([]byte, 0, len(stream))
	if n := testing.AllocsPerRun(100, func() { _, _ = AppendEncode(buf[:0], pairs) }); n != 0 {
		t.Errorf("AppendEncode into room allocates %v times, want 0", n)
	}
}

func TestInvalidAt(t *testing.T) {
	for s, want := range map[string]int{"": -1, "abc": -1, "名字": -1, "a\xff": 1, "\xe5\x90": 0, "ok\xed\xa0\x80": 2, "\xef\xbf\xbd": -1} {
		if got := invalidAt(s); got != want {
			t.Errorf("invalidAt(%q) = %d, want %d", s, got, want)
		}
		if (want < 0) != utf8.ValidString(s) {
			t.Errorf("case %q disagrees with utf8.ValidString", s)
		}
	}
}

func TestKindString(t *testing.T) {
	if got := fmt.Sprint(KindKeyLen, KindValue, Kind(99)); got != "key length value Kind(99)" {
		t.Fatal(got)
	}
}

// TestEventsCarryWhatTheyDescribe checks the fields an observer needs so
// as to compute nothing itself: the pairs an encode is about to write, the
// index of the pair each field belongs to, and the metadata record field
// by field, compared with the record's bytes read another way.
func TestEventsCarryWhatTheyDescribe(t *testing.T) {
	var events []Event
	s := &Store{ChunkSize: 5, Observe: func(e Event) { events = append(events, e) }}
	_ = s.Put("b", "2")
	_ = s.Put("a", "11")
	st := &MemStorage{}
	if err := s.Shutdown(st); err != nil {
		t.Fatal(err)
	}
	if err := (&Store{ChunkSize: 5, Observe: s.Observe}).Restore(st); err != nil {
		t.Fatal(err)
	}
	raw, err := st.Load(MetaName(DefaultName))
	if err != nil || len(raw) != MetaLen {
		t.Fatalf("metadata record % x, %v", raw, err)
	}
	stream, _ := s.MarshalBinary()
	wantMeta := MetaRecord{
		Magic:     "KVM\x01",
		Meta:      Meta{ChunkSize: 5, Chunks: 5, Length: len(stream), CRC: crc32.ChecksumIEEE(stream)},
		RecordCRC: crc32.ChecksumIEEE(raw[:24]),
	}
	metas := 0
	for _, e := range events {
		switch e.Kind {
		case KindBegin:
			if !e.Read && (len(e.Pairs) != 2 || e.Pairs[0] != (Pair{"a", "11"}) || e.Pairs[1] != (Pair{"b", "2"})) {
				t.Errorf("%s lists the pairs %q", e.Step, e.Pairs)
			}
			if e.Read && e.Pairs != nil {
				t.Errorf("%s lists pairs %q", e.Step, e.Pairs)
			}
		case KindKeyLen, KindKey, KindValueLen, KindValue, KindPair:
			want := 0
			if e.Key == "b" || (e.Key == "" && e.Offset >= 11) {
				want = 1
			}
			if e.Index != want {
				t.Errorf("%s at %d (key %q): pair index %d, want %d", e.Step, e.Offset, e.Key, e.Index, want)
			}
		case KindMeta:
			metas++
			if e.Meta != wantMeta {
				t.Errorf("%s: record %+v, want %+v", e.Step, e.Meta, wantMeta)
			}
		}
		if e.Kind != KindMeta && e.Meta != (MetaRecord{}) {
			t.Errorf("%s carries a metadata record", e.Step)
		}
	}
	if metas != 2 {
		t.Errorf("%d metadata events, want chunk-meta and meta-read", metas)
	}
}

// TestStepsAreMarked checks that each Step constant marks exactly one line
// of codec.go, the line tutor highlights for it.
func TestStepsAreMarked(t *testing.T) {
	src, err := os.ReadFile("codec.go")
	if err != nil {
		t.Fatal(err)
	}
	steps := []Step{
		StepEncodeBegin, StepEncodeKeyLen, StepEncodeKey, StepEncodeValueLen, StepEncodeValue,
		StepChunkCut, StepChunkMeta, StepMetaRead, StepChunkJoin, StepChunkCheck,
		StepDecodeBegin, StepDecodeKeyLen, StepDecodeKey, StepDecodeValueLen, StepDecodeValue, StepDecodePair,
	}
	marked := 0
	for line := range strings.SplitSeq(string(src), "\n") {
		if _, id, ok := strings.Cut(line, "// step: "); ok && !strings.HasPrefix(id, "<") {
			marked++
			if !slices.Contains(steps, Step(strings.TrimSpace(id))) {
				t.Errorf("codec.go marks %q, which is no Step constant", id)
			}
		}
	}
	for _, st := range steps {
		if n := strings.Count(string(src), "// step: "+string(st)+"\n"); n != 1 {
			t.Errorf("step %q is marked on %d lines of codec.go, want 1", st, n)
		}
	}
	if marked != len(steps) {
		t.Errorf("codec.go marks %d lines, want %d", marked, len(steps))
	}
}
