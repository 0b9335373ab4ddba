package credits

import (
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
)

// FuzzParseCredit checks that ParseCredit never panics, that what it
// accepts is valid for a Ledger and prints back to the same value, and that
// its errors are one line quoting the input.
func FuzzParseCredit(f *testing.F) {
	for _, s := range []string{"a:100@0+10", "b:50@2+30", "a:x@0+1", "a:1@-5+3", "a:1@5+-3",
		":1@0+1", "a b:1@0+1", "a:1@0", "a:9223372036854775808@0+1", "a:+1@0+1", "a:1@+0+1", "é:1@2+3", "a:1@2++3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCredit(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), fmt.Sprintf("%q", s)) {
				t.Fatalf("error %q should be one line quoting the input", err)
			}
			return
		}
		if c.Amount <= 0 || c.Expire < 0 || !validID(c.ID) {
			t.Fatalf("accepted invalid %+v from %q", c, s)
		}
		back, err := ParseCredit(c.String())
		if err != nil || back != c {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", s, c, c.String(), back, err)
		}
		var l Ledger
		if err := l.AddCredit(c.ID, c.Amount, c.Time, c.Expire); err != nil && c.Time <= 1<<62 {
			t.Fatalf("ledger refuses %+v: %v", c, err)
		}
	})
}

// FuzzParseDebit is FuzzParseCredit for charges.
func FuzzParseDebit(f *testing.F) {
	for _, s := range []string{"120@5", "-5@1", "0@1", "1@-1", "x@1", "1@", "@", "1@2@3", "+1@2", "1@+2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDebit(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), fmt.Sprintf("%q", s)) {
				t.Fatalf("error %q should be one line quoting the input", err)
			}
			return
		}
		if d.Amount <= 0 {
			t.Fatalf("accepted invalid %+v from %q", d, s)
		}
		back, err := ParseDebit(d.String())
		if err != nil || back != d {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", s, d, d.String(), back, err)
		}
	})
}

// FuzzLedger reads a history from bytes, 4 bytes an event, records it
// (refused events are skipped by both sides) and checks that the Ledger
// and the reference agree at every time in the history's range.
//
// Each event: kind (even grant, odd charge), time, amount, expire, the
// last three as signed bytes so zero and negative values occur.
func FuzzLedger(f *testing.F) {
	f.Add([]byte{0, 0, 100, 10, 0, 2, 50, 30, 1, 5, 120, 0})
	f.Add([]byte{1, 1, 40, 0, 0, 2, 100, 10})
	f.Add([]byte{0, 0, 10, 10, 1, 10, 3, 0, 1, 11, 3, 0})
	f.Add([]byte{0, 0x80, 0x7f, 0x7f, 1, 0x7f, 0x7f, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Ledger
		var r reference
		lo, hi := int64(0), int64(0)
		for i := 0; i+4 <= len(data) && i < 4*64; i += 4 {
			at, amount, expire := int64(int8(data[i+1])), int64(int8(data[i+2])), int64(int8(data[i+3]))
			lo, hi = min(lo, at), max(hi, at+max(expire, 0))
			if data[i]%2 == 0 {
				id := fmt.Sprint("g", binary.BigEndian.Uint16([]byte{data[i] / 2, byte(i)}))
				if err := l.AddCredit(id, amount, at, expire); err == nil {
					r.addCredit(id, amount, at, expire)
				} else if amount > 0 && expire >= 0 {
					t.Fatalf("AddCredit(%s, %d, %d, %d) refused: %v", id, amount, at, expire, err)
				}
			} else if err := l.Charge(amount, at); err == nil {
				r.charge(amount, at)
			} else if amount > 0 {
				t.Fatalf("Charge(%d, %d) refused: %v", amount, at, err)
			}
		}
		for q := lo - 1; q <= hi+1; q++ {
			b, s := r.balance(q)
			if l.BalanceAt(q) != b || l.ShortfallAt(q) != s {
				t.Fatalf("at %d: ledger (%d, %d), reference (%d, %d)", q, l.BalanceAt(q), l.ShortfallAt(q), b, s)
			}
		}
	})
}
