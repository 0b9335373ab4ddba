package machinetree

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that every error is a one-line
// *TreeError with an offset inside the input, and that every tree it
// accepts prints back to a description that parses to the same tree and is
// counted right by the message handler.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"1", "1(2(4),3)", " 1 ( 2 , 3 ) ", "1(2(1))", "1(2,2)", "1,2", "1(", "1()", "1(2)(3)", "99999999999999999999", "0(1(2(3(4(5)))))"} {
		f.Add(s)
	}
	kinds := []error{ErrSyntax, ErrUnknownID, ErrDuplicateID, ErrTwoParents, ErrCycle, ErrManyRoots, ErrNoRoot}
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := Parse(s)
		if err != nil {
			var te *TreeError
			if !errors.As(err, &te) {
				t.Fatalf("Parse(%q): %T %v is not a *TreeError", s, err, err)
			}
			if te.Offset < 0 || te.Offset > len(s) {
				t.Fatalf("Parse(%q): offset %d outside the input", s, te.Offset)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("Parse(%q): error spans lines: %q", s, err)
			}
			known := false
			for _, k := range kinds {
				known = known || errors.Is(err, k)
			}
			if !known {
				t.Fatalf("Parse(%q): error of no known kind: %v", s, err)
			}
			return
		}
		desc := tr.String()
		back, err := Parse(desc)
		if err != nil || back.String() != desc {
			t.Fatalf("Parse(%q) printed %q, which parses to %v, %v", s, desc, back, err)
		}
		ids := strings.FieldsFunc(desc, func(r rune) bool { return r == '(' || r == ')' || r == ',' })
		if len(ids) != tr.Len() {
			t.Fatalf("Parse(%q): %d machines, description %q names %d", s, tr.Len(), desc, len(ids))
		}
		if tr.Len() <= 5000 {
			c := NewCluster(tr, NewSimNetwork(LIFO, 0))
			n, err := c.Count()
			if err != nil || n != tr.Len() || c.Messages() != int64(2*(n-1)) {
				t.Fatalf("Parse(%q): count %d, %d messages, %v", s, n, c.Messages(), err)
			}
		}
	})
}

// FuzzParseTopology checks that ParseTopology never panics, that its errors
// are one line, and that whatever it accepts prints and parses back to an
// equal topology.
func FuzzParseTopology(f *testing.F) {
	for _, s := range []string{"{}", "{1: {}}", "{1: {2: {4: {}}, 3: {}}}", " { 3 : { } , 2: {1:{}} } ", "{1: {},}", "{1: {}, 1: {}}", "{1:{2:{3:{4:{}}}}}", "{1: {}}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		top, err := ParseTopology(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("ParseTopology(%q): error spans lines: %q", s, err)
			}
			return
		}
		back, err := ParseTopology(top.String())
		if err != nil || !back.Equal(top) || back.String() != top.String() {
			t.Fatalf("ParseTopology(%q) printed %q, which parses to %v, %v", s, top.String(), back, err)
		}
	})
}
