package kvstore

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestAppendEncodeKeepsPrefix checks on random stores and random prefixes
// that AppendEncode leaves what dst held in front, appends exactly the
// bytes Encode returns, and on a refused input returns dst as it was.
func TestAppendEncodeKeepsPrefix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.MapOf(text(), text()).Draw(t, "m")
		var s Store
		for k, v := range m {
			if err := s.Put(k, v); err != nil {
				t.Fatal(err)
			}
		}
		pairs := s.Pairs()
		prefix := rapid.SliceOf(rapid.Byte()).Draw(t, "prefix")
		room := rapid.IntRange(0, 64).Draw(t, "room")
		dst := append(make([]byte, 0, len(prefix)+room), prefix...)
		got, err := AppendEncode(dst, pairs)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Encode(pairs)
		if !bytes.Equal(got[:len(prefix)], prefix) || !bytes.Equal(got[len(prefix):], want) {
			t.Fatalf("AppendEncode(% x, %q) = % x, want the prefix then % x", prefix, pairs, got, want)
		}
		// Encode's bytes are those of the stream format, written out by
		// hand here: the independent codec.
		var hand []byte
		for _, p := range pairs {
			hand = append(hand, byte(len(p.Key)>>24), byte(len(p.Key)>>16), byte(len(p.Key)>>8), byte(len(p.Key)))
			hand = append(hand, p.Key...)
			hand = append(hand, byte(len(p.Value)>>24), byte(len(p.Value)>>16), byte(len(p.Value)>>8), byte(len(p.Value)))
			hand = append(hand, p.Value...)
		}
		if !bytes.Equal(want, hand) {
			t.Fatalf("Encode(%q) = % x, want % x", pairs, want, hand)
		}
		if len(pairs) >= 2 {
			bad := slices.Clone(pairs)
			bad[0], bad[1] = bad[1], bad[0]
			dst := append([]byte(nil), prefix...)
			got, err := AppendEncode(dst, bad)
			if err == nil || !bytes.Equal(got, prefix) {
				t.Fatalf("out of order: AppendEncode = % x, %v; want the prefix back and an error", got, err)
			}
		}
	})
}

// TestAppendDecodeKeepsPrefix checks that AppendDecode appends after what
// dst holds, checks key order within the stream only, and on a corrupt
// stream gives dst back as it was.
func TestAppendDecodeKeepsPrefix(t *testing.T) {
	before := []Pair{{"z", "last"}, {"y", "out of order, but not the stream's"}}
	stream, _ := Encode([]Pair{{"A", "BC"}, {"名字", "值"}})
	got, err := AppendDecode(slices.Clone(before), stream)
	want := append(slices.Clone(before), Pair{"A", "BC"}, Pair{"名字", "值"})
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("AppendDecode = %q, %v; want %q", got, err, want)
	}
	bad := append(slices.Clone(stream), 0, 0, 0, 9, 'x')
	dst := make([]Pair, len(before), len(before)+8)
	copy(dst, before)
	got, err = AppendDecode(dst, bad)
	if err == nil || !slices.Equal(got, before) {
		t.Fatalf("corrupt stream: AppendDecode = %q, %v; want %q back and an error", got, err, before)
	}
	if full := dst[:cap(dst)]; full[len(before)] != (Pair{}) {
		t.Errorf("a failed decode left %q past the returned length", full[len(before)])
	}
}

// TestAppendDecodeOwnsItsBlock checks the lifetime AppendDecode documents:
// the pairs survive the stream being overwritten, and they share one block
// (one allocation with room in dst).
func TestAppendDecodeOwnsItsBlock(t *testing.T) {
	pairs := []Pair{{"a", "1"}, {"b", strings.Repeat("x", 100)}, {"名字", "值"}}
	stream, _ := Encode(pairs)
	got, err := AppendDecode(nil, stream)
	if err != nil {
		t.Fatal(err)
	}
	for i := range stream {
		stream[i] = 0xff
	}
	if !slices.Equal(got, pairs) {
		t.Fatalf("after overwriting the stream the pairs are %q, want %q", got, pairs)
	}
	stream, _ = Encode(pairs)
	dst := make([]Pair, 0, len(pairs))
	if n := testing.AllocsPerRun(100, func() { _, _ = AppendDecode(dst[:0], stream) }); n != 1 {
		t.Errorf("AppendDecode into room allocates %v times, want 1 (the block)", n)
	}
	buf := make([]byte, 0, len(stream))
	if n := testing.AllocsPerRun(100, func() { _, _ = AppendEncode(buf[:0], pairs) }); n != 0 {
		t.Errorf("AppendEncode into room allocates %v times, want 0", n)
	}
}

// TestDecodersAgreeOnCorpus runs both decoders, the observed one behind
// Store.Restore (decode, with no observer) and AppendDecode, on every seed
// and every input of the fuzz corpus: the same pairs, or the same error.
func TestDecodersAgreeOnCorpus(t *testing.T) {
	inputs := seedStreams()
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzDecodePairs", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		inputs = append(inputs, corpusBytes(t, f))
	}
	if len(files) < 100 {
		t.Fatalf("only %d corpus files", len(files))
	}
	accepted := 0
	for _, in := range inputs {
		if agreeDecoders(t, in) {
			accepted++
		}
	}
	if accepted == 0 || accepted == len(inputs) {
		t.Errorf("%d of %d inputs decode: the corpus should hold both kinds", accepted, len(inputs))
	}
}

// agreeDecoders fails t unless decode and AppendDecode agree on in, and
// reports whether in decodes.
func agreeDecoders(t testing.TB, in []byte) bool {
	t.Helper()
	old, oldErr := decode(in, nil)
	got, err := AppendDecode(nil, in)
	if (oldErr == nil) != (err == nil) || (err != nil && err.Error() != oldErr.Error()) {
		t.Fatalf("% x: decode error %v, AppendDecode error %v", in, oldErr, err)
	}
	if err == nil && !slices.Equal(old, got) {
		t.Fatalf("% x: decode %q, AppendDecode %q", in, old, got)
	}
	return err == nil
}

// corpusBytes reads the one []byte of a "go test fuzz v1" corpus file.
func corpusBytes(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 2 || lines[0] != "go test fuzz v1" || !strings.HasPrefix(lines[1], "[]byte(") || !strings.HasSuffix(lines[1], ")") {
		t.Fatalf("%s: not a corpus file of one []byte", path)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return []byte(s)
}
