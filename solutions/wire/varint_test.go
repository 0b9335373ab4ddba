package wire

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
	"pgregory.net/rapid"
)

// TestVarintTable checks values whose bytes the encoding guide and
// encoding/binary agree on.
func TestVarintTable(t *testing.T) {
	for _, tt := range []struct {
		x    uint64
		want string
	}{
		{0, "00"}, {1, "01"}, {127, "7f"}, {128, "80 01"}, {150, "96 01"}, {300, "ac 02"},
		{16384, "80 80 01"}, {1<<32 - 1, "ff ff ff ff 0f"},
		{math.MaxUint64, "ff ff ff ff ff ff ff ff ff 01"},
	} {
		if got := Hex(AppendUvarint(nil, tt.x)); got != tt.want {
			t.Errorf("AppendUvarint(%d) = %s, want %s", tt.x, got, tt.want)
		}
	}
}

// TestEveryVarintLength round-trips the values at each edge of a length,
// 2^k - 1, 2^k and 2^k + 1 for every k up to 64, against encoding/binary
// and protowire.
func TestEveryVarintLength(t *testing.T) {
	var xs []uint64
	for k := range 65 {
		p := uint64(1) << k
		if k == 64 {
			p = 0
		}
		xs = append(xs, p-1, p, p+1)
	}
	for _, x := range xs {
		checkVarint(t, x)
	}
}

// TestVarintProperty round-trips any uint64 and any int64.
func TestVarintProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.Uint64().Draw(t, "x")
		checkVarint(t, x)
		s := rapid.Int64().Draw(t, "s")
		b := AppendVarint(nil, s)
		if want := binary.AppendVarint(nil, s); string(b) != string(want) {
			t.Fatalf("AppendVarint(%d) = % x, encoding/binary % x", s, b, want)
		}
		if EncodeZigZag(s) != protowire.EncodeZigZag(s) || DecodeZigZag(uint64(s)) != protowire.DecodeZigZag(uint64(s)) {
			t.Fatalf("zig-zag of %d differs from protowire", s)
		}
		got, n, err := Varint(b)
		if err != nil || got != s || n != len(b) {
			t.Fatalf("Varint(% x) = %d, %d, %v", b, got, n, err)
		}
		u32 := rapid.Uint32().Draw(t, "u32")
		u64 := rapid.Uint64().Draw(t, "u64")
		f := AppendFixed64(AppendFixed32(nil, u32), u64)
		if want := protowire.AppendFixed64(protowire.AppendFixed32(nil, u32), u64); string(f) != string(want) {
			t.Fatalf("fixed % x, protowire % x", f, want)
		}
		a, n1, err1 := Fixed32(f)
		b64, n2, err2 := Fixed64(f[n1:])
		if a != u32 || b64 != u64 || n1 != 4 || n2 != 8 || err1 != nil || err2 != nil {
			t.Fatalf("fixed read back %d %d", a, b64)
		}
	})
}

func checkVarint(t interface {
	Helper()
	Fatalf(string, ...any)
}, x uint64) {
	t.Helper()
	b := AppendUvarint(nil, x)
	if want := binary.AppendUvarint(nil, x); string(b) != string(want) {
		t.Fatalf("AppendUvarint(%d) = % x, encoding/binary % x", x, b, want)
	}
	if want := protowire.AppendVarint(nil, x); string(b) != string(want) {
		t.Fatalf("AppendUvarint(%d) = % x, protowire % x", x, b, want)
	}
	if SizeUvarint(x) != len(b) || protowire.SizeVarint(x) != len(b) {
		t.Fatalf("SizeUvarint(%d) = %d, wrote %d", x, SizeUvarint(x), len(b))
	}
	got, n, err := Uvarint(append(b, 0xff))
	if err != nil || got != x || n != len(b) {
		t.Fatalf("Uvarint(% x) = %d, %d, %v", b, got, n, err)
	}
	for i := range len(b) {
		if _, n, err := Uvarint(b[:i]); !errors.Is(err, ErrTruncated) || n != 0 {
			t.Fatalf("Uvarint(% x), %d of %d bytes: %d, %v; want ErrTruncated", b[:i], i, len(b), n, err)
		}
	}
}

// TestVarintRefusals checks the two errors against what protowire says of
// the same bytes.
func TestVarintRefusals(t *testing.T) {
	for _, tt := range []struct {
		in   []byte
		want error
	}{
		{nil, ErrTruncated},
		{[]byte{0x80}, ErrTruncated},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, ErrTruncated},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, ErrOverlong},
		{[]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, ErrOverlong},
	} {
		_, n, err := Uvarint(tt.in)
		if !errors.Is(err, tt.want) || n != 0 {
			t.Errorf("Uvarint(% x) = %d, %v; want %v", tt.in, n, err, tt.want)
		}
		if _, pn := protowire.ConsumeVarint(tt.in); pn >= 0 {
			t.Errorf("protowire accepts % x", tt.in)
		}
	}
	// Padding is accepted, as protowire accepts it: 80 00 is 0.
	if x, n, err := Uvarint([]byte{0x80, 0x00}); x != 0 || n != 2 || err != nil {
		t.Errorf("Uvarint(80 00) = %d, %d, %v", x, n, err)
	}
	if _, _, err := Fixed32([]byte{1, 2, 3}); !errors.Is(err, ErrTruncated) {
		t.Errorf("Fixed32 of 3 bytes: %v", err)
	}
	if _, _, err := Fixed64(make([]byte, 7)); !errors.Is(err, ErrTruncated) {
		t.Errorf("Fixed64 of 7 bytes: %v", err)
	}
}

// TestZigZagTable is the encoding guide's table.
func TestZigZagTable(t *testing.T) {
	for _, tt := range []struct {
		in   int64
		want uint64
	}{{0, 0}, {-1, 1}, {1, 2}, {-2, 3}, {0x7fffffff, 0xfffffffe}, {-0x80000000, 0xffffffff}, {math.MinInt64, math.MaxUint64}} {
		if got := EncodeZigZag(tt.in); got != tt.want || DecodeZigZag(got) != tt.in {
			t.Errorf("EncodeZigZag(%d) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
