package ipv4_test

import (
	"fmt"
	"net/netip"

	"tutor/solutions/ipv4"
)

func ExampleRange() {
	// The carry: 10.0.0.255 is followed by 10.0.1.0.
	for a := range ipv4.Range(ipv4.MustParseAddr("10.0.0.254"), 4) {
		fmt.Println(a)
	}
	// Output:
	// 10.0.0.254
	// 10.0.0.255
	// 10.0.1.0
	// 10.0.1.1
}

func ExampleRange_end() {
	// The walk stops after the last address instead of wrapping.
	for a := range ipv4.Range(ipv4.MustParseAddr("255.255.255.254"), 10) {
		fmt.Println(a)
	}
	// Output:
	// 255.255.255.254
	// 255.255.255.255
}

func ExampleRangeBackward() {
	for a := range ipv4.RangeBackward(ipv4.MustParseAddr("0.0.0.1"), 10) {
		fmt.Println(a)
	}
	// Output:
	// 0.0.0.1
	// 0.0.0.0
}

func ExampleBlock() {
	p, err := ipv4.ParsePrefix("192.168.1.5/30")
	if err != nil {
		panic(err)
	}
	fmt.Println("host bits set:", p.HostBitsSet(), "block:", p.Masked(), "addresses:", p.NumAddrs())
	for a := range ipv4.Block(p) {
		fmt.Println(a)
	}
	// Output:
	// host bits set: true block: 192.168.1.4/30 addresses: 4
	// 192.168.1.4
	// 192.168.1.5
	// 192.168.1.6
	// 192.168.1.7
}

func ExampleStrings() {
	// The classic problem wants dotted strings.
	p := ipv4.MustParsePrefix("10.0.0.0/31")
	for s := range ipv4.Strings(p.Backward()) {
		fmt.Printf("%q\n", s)
	}
	// Output:
	// "10.0.0.1"
	// "10.0.0.0"
}

func ExampleParseAddr() {
	for _, s := range []string{"10.0.0.256", "10.0.0", "10.0.0.010", "10.0..1", "10.0.0.1 "} {
		_, err := ipv4.ParseAddr(s)
		fmt.Println(err)
	}
	// Output:
	// ipv4.ParseAddr("10.0.0.256"): octet 4 "256" is over 255
	// ipv4.ParseAddr("10.0.0"): too few octets: 3 where an IPv4 address has 4
	// ipv4.ParseAddr("10.0.0.010"): octet 4 "010" has a leading zero: octal or decimal? (inet_aton reads it as octal)
	// ipv4.ParseAddr("10.0..1"): octet 3 is empty
	// ipv4.ParseAddr("10.0.0.1 "): space ' ' at byte 8 (an address has no spaces; trim it first)
}

func ExampleParsePrefixStrict() {
	_, err := ipv4.ParsePrefixStrict("192.168.1.5/30")
	fmt.Println(err)
	_, err = ipv4.ParsePrefix("192.168.1.0/33")
	fmt.Println(err)
	// Output:
	// ipv4.ParsePrefixStrict("192.168.1.5/30"): host bits set in 192.168.1.5; the block is 192.168.1.4/30
	// ipv4.ParsePrefix("192.168.1.0/33"): prefix length "33" is over 32
}

func ExamplePrefix_Last() {
	p := ipv4.MustParsePrefix("172.16.200.9/20")
	fmt.Println(p.Mask(), p.Network(), p.Last(), p.NumAddrs())
	// Output: 255.255.240.0 172.16.192.0 172.16.207.255 4096
}

func ExampleWalker() {
	// The classic answer, by hand, with an observer that prints the carries.
	w := ipv4.Walker{Observe: func(e ipv4.Event) {
		if e.Step == ipv4.StepCarry || e.Step == ipv4.StepIncrement {
			fmt.Println(" ", e.Explain)
		}
	}}
	for a := range w.Range(ipv4.MustParseAddr("10.0.255.255"), 2) {
		fmt.Println(a)
	}
	// Output:
	// 10.0.255.255
	//   octet 4 was 255, the most 8 bits hold: it wraps to 0 and carries 1 into octet 3 on its left
	//   octet 3 was 255, the most 8 bits hold: it wraps to 0 and carries 1 into octet 2 on its left
	//   add 1 to octet 2: 0 becomes 1, no carry, so the octets on its left stay and the address is 10.1.0.0
	// 10.1.0.0
}

func ExampleAddr_NetipAddr() {
	a := ipv4.MustParseAddr("192.0.2.1")
	n := a.NetipAddr().Next()
	back, ok := ipv4.AddrFromNetip(n)
	fmt.Println(n, back, ok)
	p, _ := ipv4.PrefixFromNetip(netip.MustParsePrefix("192.0.2.0/24"))
	fmt.Println(p.Contains(back))
	// Output:
	// 192.0.2.2 192.0.2.2 true
	// true
}
