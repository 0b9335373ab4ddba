package kvstore

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// benchPairs returns n pairs in key order: keys of 8 to 32 bytes, values
// of 16 to 256 bytes, drawn from a fixed seed. The strings are allocated in
// key order, as a program that builds or reads its pairs in order has them;
// scattered gives them the layout of pairs allocated in random order and
// then sorted.
func benchPairs(n int, scattered bool) []Pair {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	rng := rand.New(rand.NewPCG(20, 26))
	word := func(lo, hi int) []byte {
		b := make([]byte, lo+rng.IntN(hi-lo+1))
		for i := range b {
			b[i] = letters[rng.IntN(len(letters))]
		}
		return b
	}
	seen := make(map[string]bool, n)
	raw := make([][2][]byte, 0, n)
	for len(raw) < n {
		k := word(8, 32)
		if seen[string(k)] {
			continue
		}
		seen[string(k)] = true
		raw = append(raw, [2][]byte{k, word(16, 256)})
	}
	pairs := make([]Pair, len(raw))
	if scattered {
		for i, r := range raw {
			pairs[i] = Pair{string(r[0]), string(r[1])}
		}
		slices.SortFunc(pairs, func(a, b Pair) int { return strings.Compare(a.Key, b.Key) })
		return pairs
	}
	slices.SortFunc(raw, func(a, b [2][]byte) int { return bytes.Compare(a[0], b[0]) })
	for i, r := range raw {
		pairs[i] = Pair{string(r[0]), string(r[1])}
	}
	return pairs
}

// benchSizes are the sizes the codec benchmarks run at: 100,000 pairs
// (about 16 MB of stream) and 1,000,000 (about 160 MB).
var benchSizes = []struct {
	name  string
	pairs func() []Pair
}{
	{"100k", sync1(func() []Pair { return benchPairs(100_000, false) })},
	{"1M", sync1(func() []Pair { return benchPairs(1_000_000, false) })},
}

var (
	benchData      = benchSizes[0].pairs
	benchScattered = sync1(func() []Pair { return benchPairs(100_000, true) })
)

// sync1 computes f once, on first use.
func sync1[T any](f func() T) func() T {
	var (
		done bool
		v    T
	)
	return func() T {
		if !done {
			v, done = f(), true
		}
		return v
	}
}

// BenchmarkEncode turns the pairs into bytes with this package (append:
// AppendEncode into one reused buffer; encode: Encode, a new buffer each
// time), gob and json, and, as the floor, copies a stream of the same length into a new
// buffer (copy, what Encode must at least pay) and into a reused one
// (copy-reused, what an encoder into the caller's buffer must at least
// pay). SetBytes is the length of the kvstore stream in every case, so MB/s
// compare the same work. Run at 100,000 and 1,000,000 pairs.
func BenchmarkEncode(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) { benchEncode(b, size.pairs()) })
	}
}

func benchEncode(b *testing.B, pairs []Pair) {
	stream, err := Encode(pairs)
	if err != nil {
		b.Fatal(err)
	}
	size := int64(len(stream))
	b.Run("append", func(b *testing.B) {
		buf := make([]byte, 0, len(stream))
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			var err error
			if buf, err = AppendEncode(buf[:0], pairs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Encode(pairs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gob", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(pairs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(pairs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("copy", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			dst := make([]byte, len(stream))
			copy(dst, stream)
		}
	})
	b.Run("copy-reused", func(b *testing.B) {
		dst := make([]byte, len(stream))
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			copy(dst, stream)
		}
	})
}

// BenchmarkDecode turns each format's bytes back into the slice of pairs
// (append: AppendDecode into one reused slice; decode: DecodePairs); copy, the floor, copies the kvstore stream into a new buffer, which any
// decoder that hands out strings outliving the stream must do. Run at
// 100,000 and 1,000,000 pairs.
func BenchmarkDecode(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) { benchDecode(b, size.pairs()) })
	}
}

func benchDecode(b *testing.B, pairs []Pair) {
	stream, _ := Encode(pairs)
	size := int64(len(stream))
	var gobBuf bytes.Buffer
	if err := gob.NewEncoder(&gobBuf).Encode(pairs); err != nil {
		b.Fatal(err)
	}
	jsonBytes, _ := json.Marshal(pairs)
	b.Run("append", func(b *testing.B) {
		dst := make([]Pair, 0, len(pairs))
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			var err error
			if dst, err = AppendDecode(dst[:0], stream); err != nil || len(dst) != len(pairs) {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			got, err := DecodePairs(stream)
			if err != nil || len(got) != len(pairs) {
				b.Fatal(err)
			}
		}
	})
	b.Run("gob", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			var got []Pair
			if err := gob.NewDecoder(bytes.NewReader(gobBuf.Bytes())).Decode(&got); err != nil || len(got) != len(pairs) {
				b.Fatal(err)
			}
		}
	})
	b.Run("json", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			var got []Pair
			if err := json.Unmarshal(jsonBytes, &got); err != nil || len(got) != len(pairs) {
				b.Fatal(err)
			}
		}
	})
	b.Run("copy", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			dst := make([]byte, len(stream))
			copy(dst, stream)
		}
	})
}

// BenchmarkEncodeScattered is BenchmarkEncode/kvstore and /gob on the same
// pairs with their strings scattered through memory (allocated in random
// order, then sorted): each key and value is then a cache miss, which the
// copy of one contiguous stream never pays.
func BenchmarkEncodeScattered(b *testing.B) {
	pairs := benchScattered()
	size := int64(EncodedLen(pairs))
	b.Run("kvstore", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Encode(pairs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("gob", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(pairs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkShutdownRestore saves and restores a store of the same pairs
// through MemStorage, in one blob and in 1 KiB chunks.
func BenchmarkShutdownRestore(b *testing.B) {
	pairs := benchData()
	for _, chunk := range []int{0, 1024} {
		name := "blob"
		if chunk > 0 {
			name = "chunks-1KiB"
		}
		b.Run(name, func(b *testing.B) {
			s := &Store{ChunkSize: chunk}
			for _, p := range pairs {
				_ = s.Put(p.Key, p.Value)
			}
			st := &MemStorage{}
			b.SetBytes(int64(EncodedLen(pairs)))
			b.ReportAllocs()
			for b.Loop() {
				if err := s.Shutdown(st); err != nil {
					b.Fatal(err)
				}
				if err := s.Restore(st); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBenchPairsShape(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 100,000 pairs")
	}
	pairs := benchData()
	if !slices.Equal(pairs, benchScattered()) {
		t.Fatal("the two layouts hold different pairs")
	}
	if len(pairs) != 100_000 {
		t.Fatalf("%d pairs", len(pairs))
	}
	for i, p := range pairs {
		if len(p.Key) < 8 || len(p.Key) > 32 || len(p.Value) < 16 || len(p.Value) > 256 {
			t.Fatalf("pair %d out of shape: %d, %d bytes", i, len(p.Key), len(p.Value))
		}
		if i > 0 && pairs[i-1].Key >= p.Key {
			t.Fatalf("pairs not in strictly increasing key order at %d", i)
		}
	}
}
