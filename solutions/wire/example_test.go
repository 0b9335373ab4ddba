package wire_test

import (
	"fmt"

	"tutor/solutions/wire"
)

func ExampleAppendUvarint() {
	b := wire.AppendUvarint(nil, 150)
	fmt.Printf("% x\n", b)
	x, n, err := wire.Uvarint(b)
	fmt.Println(x, n, err)
	// Output:
	// 96 01
	// 150 2 <nil>
}

func ExampleEncodeZigZag() {
	for _, x := range []int64{0, -1, 1, -2, 2} {
		fmt.Print(wire.EncodeZigZag(x), " ")
	}
	fmt.Println()
	// Output: 0 1 2 3 4
}

func ExampleMarshal() {
	s, _ := wire.ParseSchema("message M { int32 a = 1; string b = 2; repeated sint32 c = 3; }")
	m, _ := wire.ParseMessage(s.Root(), `a=150 b="hi" c=[-1,2]`)
	b, _ := wire.Marshal(m)
	fmt.Println(wire.Hex(b))
	back, _ := wire.Unmarshal(s.Root(), b)
	fmt.Println(back)
	// Output:
	// 08 96 01 12 02 68 69 1a 02 01 04
	// a=150 b="hi" c=[-1,2]
}

func ExampleMarshal_negativeInt32() {
	s, _ := wire.ParseSchema("message M { int32 a = 1; sint32 b = 2; }")
	for _, text := range []string{"a=-1", "b=-1"} {
		m, _ := wire.ParseMessage(s.Root(), text)
		b, _ := wire.Marshal(m)
		fmt.Printf("%s: %d bytes: %s\n", text, len(b), wire.Hex(b))
	}
	// Output:
	// a=-1: 11 bytes: 08 ff ff ff ff ff ff ff ff ff 01
	// b=-1: 2 bytes: 10 01
}
