package ipviz

import (
	"testing"
)

// TestBadAddressIsOneLine is the tester's finding: --cidr 10.1.2.3/33 in
// the app was three lines, the solution's ipv4.ParsePrefix("...") saying
// the value a second time, the flag as -cidr, and the usage glued on.
func TestBadAddressIsOneLine(t *testing.T) {
	for args, want := range map[[2]string]string{
		{"--cidr", "10.1.2.3/33"}: `--cidr "10.1.2.3/33": prefix length "33" is over 32`,
		{"--from", "10.0.0.256"}:  `--from "10.0.0.256": octet 4 "256" is over 255`,
	} {
		_, err := New().Run(args[:])
		if err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", args, err, want)
		}
	}
}
