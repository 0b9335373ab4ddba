package hashring_test

import (
	"fmt"

	"tutor/solutions/hashring"
)

// Three nodes at 10 points each: a key belongs to the first point at or
// after its hash (the figures are those of Python's zlib.crc32 too). Removing
// its node hands it to the next point's node; the other keys stay where
// they were.
func Example() {
	r := hashring.New(10, nil)
	r.Add("A", "B", "C")
	p := r.Locate("user:42")
	fmt.Printf("user:42 hashes to %d; point %d is replica %d of %s\n", p.KeyHash, p.Point.Hash, p.Point.Replica, p.Point.Node)
	r.Remove(p.Point.Node)
	fmt.Println("without it:", r.Get("user:42"))
	// Output:
	// user:42 hashes to 1684999558; point 1750140263 is replica 1 of C
	// without it: B
}
