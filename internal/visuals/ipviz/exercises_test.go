package ipviz

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"tutor/solutions/ipv4"
)

var dotted = regexp.MustCompile(`\b\d+\.\d+\.\d+\.\d+(/\d+)?`)

// kind finds an exercise kind by id.
func kind(t *testing.T, id string) func(*rand.Rand) ipv4Exercise {
	t.Helper()
	for _, k := range exerciseKinds {
		if k.ID == id {
			return func(r *rand.Rand) ipv4Exercise {
				e := k.New(r)
				return ipv4Exercise{q: e.Question, answer: e.Answer, check: e.Check, hint: e.Hint, given: dotted.FindString(e.Question)}
			}
		}
	}
	t.Fatalf("no exercise kind %s", id)
	return nil
}

type ipv4Exercise struct {
	q, answer, given string
	check            func(string) bool
	hint             func(string) string
}

// TestExercisesFitTheirTitles: the address after x carries out of the last
// octet, the address before x borrows, and a block's network and last
// addresses differ from the address it is given by.
func TestExercisesFitTheirTitles(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		for _, id := range []string{"ipv4.next", "ipv4.prev"} {
			e := kind(t, id)(r)
			a, err := ipv4.ParseAddr(e.given)
			if err != nil {
				t.Fatalf("%s: %q has no address: %v", id, e.q, err)
			}
			b, _ := ipv4.ParseAddr(e.answer)
			// A carry or borrow changes more than the last octet.
			if a.Uint32()>>8 == b.Uint32()>>8 {
				t.Errorf("%s of %s is %s: no carry or borrow", id, a, b)
			}
		}
		for _, id := range []string{"ipv4.network", "ipv4.last"} {
			e := kind(t, id)(r)
			p, err := ipv4.ParsePrefix(e.given)
			if err != nil {
				t.Fatalf("%s: %q has no block: %v", id, e.q, err)
			}
			if p.Addr().String() == e.answer {
				t.Errorf("%s of %s is the address given", id, p)
			}
		}
	}
}

// TestHintsForNearRightForms: a block where an address is asked, leading
// zeros and a count in words get a hint on the form; a well-formed wrong
// answer and the right one get none, and no hint holds the answer.
func TestHintsForNearRightForms(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 50 {
		for _, id := range []string{"ipv4.next", "ipv4.prev", "ipv4.network", "ipv4.last"} {
			e := kind(t, id)(r)
			a, _ := ipv4.ParseAddr(e.answer)
			b := a.Octets()
			zeros := fmt.Sprintf("0%d.%03d.%03d.%03d", b[0], b[1], b[2], b[3]) // as 072.255.148.062
			for answer, want := range map[string]string{
				e.answer + "/28": "without the /28",
				zeros:            "leading zeros",
				"10.0.0.300":     "0 to 255",
				"ten.0.0.1":      "dotted address",
				"10.0.0":         "dotted address",
				"10.0.0.1":       "",
				e.answer:         "",
			} {
				got := e.hint(answer)
				if !strings.Contains(got, want) || (want == "" && got != "") {
					t.Errorf("%s: hint for %q is %q, want %q", id, answer, got, want)
				}
				if got != "" && e.check(answer) {
					t.Errorf("%s: %q is accepted and hinted", id, answer)
				}
				if strings.Contains(got, e.answer) && !strings.Contains(answer, e.answer) {
					t.Errorf("%s: the hint %q gives the answer away", id, got)
				}
			}
		}
		e := kind(t, "ipv4.count")(r)
		if h := e.hint("twelve"); !strings.Contains(h, "digits") {
			t.Errorf("count: hint for twelve %q", h)
		}
		if h := e.hint("2^7"); h != "" {
			t.Errorf("count: hint for 2^7 %q", h)
		}
	}
}
