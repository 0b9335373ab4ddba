package wire

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// BenchmarkVarint appends 1024 varints of every length into a buffer
// with room, and reads them back: ours beside encoding/binary's. Compare
// the two with benchstat or by eye: ns/op of wire over binary.
func BenchmarkVarint(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	xs := make([]uint64, 1024)
	for i := range xs {
		xs[i] = r.Uint64() >> r.IntN(64)
	}
	buf := make([]byte, 0, len(xs)*MaxVarintLen)
	b.Run("wire", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf = buf[:0]
			for _, x := range xs {
				buf = AppendUvarint(buf, x)
			}
			for p := buf; len(p) > 0; {
				_, n, _ := Uvarint(p)
				p = p[n:]
			}
		}
	})
	b.Run("binary", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf = buf[:0]
			for _, x := range xs {
				buf = binary.AppendUvarint(buf, x)
			}
			for p := buf; len(p) > 0; {
				_, n := binary.Uvarint(p)
				p = p[n:]
			}
		}
	})
}

// BenchmarkMessage encodes the same messages into a buffer with room:
// ours beside protowire's functions driven the way protobuf-go's code
// drives them (the oracle of the tests: sizes, then appends).
func BenchmarkMessage(b *testing.B) {
	s, err := ParseSchema(fuzzSchema)
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	var ms []*Message
	for range 64 {
		ms = append(ms, randomMessage(r, s.Root(), 2))
	}
	buf := make([]byte, 0, 1<<20)
	b.Run("wire", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf = buf[:0]
			for _, m := range ms {
				buf, _ = AppendMessage(buf, m)
			}
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("protowire", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buf = buf[:0]
			for _, m := range ms {
				buf = pwAppend(buf, m, false)
			}
		}
		b.SetBytes(int64(len(buf)))
	})
}
