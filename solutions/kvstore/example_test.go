package kvstore_test

import (
	"fmt"

	"tutor/solutions/kvstore"
)

// The classic record: the key's byte length, the key, the value's byte
// length, the value.
func ExampleEncode() {
	b, err := kvstore.Encode([]kvstore.Pair{{Key: "A", Value: "BC"}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("% x\n", b)
	// Output: 00 00 00 01 41 00 00 00 02 42 43
}

// A length prefix counts bytes: 名字 is two characters but six bytes.
func ExampleEncode_multiByte() {
	b, _ := kvstore.Encode([]kvstore.Pair{{Key: "名字", Value: "值"}})
	fmt.Printf("% x\n", b)
	// Output: 00 00 00 06 e5 90 8d e5 ad 97 00 00 00 03 e5 80 bc
}

func ExampleDecodePairs() {
	pairs, err := kvstore.DecodePairs([]byte{0, 0, 0, 1, 'A', 0, 0, 0, 2, 'B', 'C'})
	fmt.Println(pairs, err)

	// A length prefix that claims more than remains is refused, with where.
	_, err = kvstore.DecodePairs([]byte{0, 0, 0, 1, 'A', 0, 0, 0, 9, 'B', 'C'})
	fmt.Println(err)
	// Output:
	// [{A BC}] <nil>
	// kvstore: corrupt stream at offset 5: value length 9 is more than the 2 bytes left
}

func ExampleStore_Shutdown() {
	var s kvstore.Store
	_ = s.Put("A", "BC")
	_ = s.Put("名字", "值")

	st := &kvstore.MemStorage{}
	if err := s.Shutdown(st); err != nil {
		panic(err)
	}
	var r kvstore.Store
	if err := r.Restore(st); err != nil {
		panic(err)
	}
	v, ok := r.Get("名字")
	fmt.Println(st.Names(), r.Len(), v, ok)
	// Output: [kvstore] 2 值 true
}

// A storage that takes blobs of at most 8 bytes gets the 28-byte stream in
// four chunks, cut through the records, and a metadata record.
func ExampleStore_Shutdown_chunked() {
	s := kvstore.Store{ChunkSize: 8}
	_ = s.Put("A", "BC")
	_ = s.Put("名字", "值")
	st := &kvstore.MemStorage{}
	if err := s.Shutdown(st); err != nil {
		panic(err)
	}
	for _, name := range st.Names() {
		b, _ := st.Load(name)
		fmt.Printf("%-16s % x\n", name, b[:min(len(b), 8)])
	}
	// Output:
	// kvstore.chunk.0  00 00 00 01 41 00 00 00
	// kvstore.chunk.1  02 42 43 00 00 00 06 e5
	// kvstore.chunk.2  90 8d e5 ad 97 00 00 00
	// kvstore.chunk.3  03 e5 80 bc
	// kvstore.meta     4b 56 4d 01 00 00 00 08
}

// An observer sees every field as it is written, with a sentence.
func ExampleStore_Observe() {
	s := kvstore.Store{Observe: func(e kvstore.Event) {
		if e.Kind == kvstore.KindBegin {
			return
		}
		fmt.Printf("%-16s %2d  % x\n", e.Step, e.Offset, e.Bytes)
	}}
	_ = s.Put("A", "BC")
	_, _ = s.MarshalBinary()
	// Output:
	// encode-key-len    0  00 00 00 01
	// encode-key        4  41
	// encode-value-len  5  00 00 00 02
	// encode-value      9  42 43
}

func ExampleParseMeta() {
	b, _ := kvstore.Meta{ChunkSize: 1024, Chunks: 3, Length: 2100, CRC: 0xcafef00d}.AppendBinary(nil)
	m, err := kvstore.ParseMeta(b)
	fmt.Printf("%d bytes: %+v %v\n", len(b), m, err)
	// Output: 28 bytes: {ChunkSize:1024 Chunks:3 Length:2100 CRC:3405705229} <nil>
}
