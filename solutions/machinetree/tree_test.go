package machinetree

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestParseShapes(t *testing.T) {
	cases := []struct {
		in, canon string
		n, h      int
	}{
		{"1", "1", 1, 0},
		{"1(2(4),3)", "1(2(4),3)", 4, 2},
		{" 1 ( 2 ( 4 ) , 3 ) ", "1(2(4),3)", 4, 2},
		{"0(1,2,3,4)", "0(1,2,3,4)", 5, 1},
		{"7(3(2(1(0))))", "7(3(2(1(0))))", 5, 4},
		{"10(20(40,50),30(60(70)))", "10(20(40,50),30(60(70)))", 7, 3},
	}
	for _, c := range cases {
		tr := mustParse(t, c.in)
		if got := tr.String(); got != c.canon {
			t.Errorf("Parse(%q).String() = %q, want %q", c.in, got, c.canon)
		}
		if tr.Len() != c.n || tr.Height() != c.h {
			t.Errorf("Parse(%q): Len %d Height %d, want %d %d", c.in, tr.Len(), tr.Height(), c.n, c.h)
		}
	}
	tr := mustParse(t, "1(2(4),3)")
	if tr.Root() != 1 || !slices.Equal(tr.Children(1), []int{2, 3}) || !slices.Equal(tr.Children(2), []int{4}) || tr.Children(4) != nil {
		t.Errorf("1(2(4),3): root %d children %v %v %v", tr.Root(), tr.Children(1), tr.Children(2), tr.Children(4))
	}
	if p, ok := tr.Parent(4); !ok || p != 2 {
		t.Errorf("Parent(4) = %d, %v", p, ok)
	}
	if _, ok := tr.Parent(1); ok {
		t.Error("the root has a parent")
	}
	if tr.Has(5) || !tr.Has(3) {
		t.Error("Has is wrong")
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		in      string
		kind    error
		machine int
		offset  int
		words   string
	}{
		{"", ErrSyntax, -1, 0, "empty"},
		{"   ", ErrSyntax, -1, 0, "empty"},
		{"1(", ErrSyntax, -1, 2, "expected a machine id, found the end"},
		{"1(2", ErrSyntax, 1, 3, "machine 1 are not closed"},
		{"1()", ErrSyntax, -1, 2, "found ')'"},
		{"1(2,)", ErrSyntax, -1, 4, "found ')'"},
		{"1)", ErrSyntax, -1, 1, "found ')'"},
		{"1(2))", ErrSyntax, -1, 4, "found ')'"},
		{"a", ErrSyntax, -1, 0, "found 'a'"},
		{"1(2x)", ErrSyntax, -1, 3, "after machine 2, found 'x'"},
		{"1(2)(3)", ErrSyntax, 1, 4, "already closed"},
		{"1,2", ErrManyRoots, 1, 1, "machines 1 and 2 are both roots"},
		{"1(2),3", ErrManyRoots, 1, 4, "1 and 3"},
		{"1(2(1))", ErrCycle, 1, 4, "machine 1 appears inside its own description"},
		{"1(2(3(2)))", ErrCycle, 2, 6, "machine 2"},
		{"1(2,2)", ErrTwoParents, 2, 4, "machine 2 appears twice (first at byte 2), under 1 and under 1"},
		{"1(2(4),3(4))", ErrTwoParents, 4, 9, "under 2 and under 3"},
		{"99999999999999999999", ErrSyntax, -1, 0, "larger than"},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		var te *TreeError
		if !errors.As(err, &te) {
			t.Errorf("Parse(%q) = %v, want a *TreeError", c.in, err)
			continue
		}
		if !errors.Is(err, c.kind) || te.Machine != c.machine || te.Offset != c.offset || !strings.Contains(err.Error(), c.words) {
			t.Errorf("Parse(%q) = %q (machine %d offset %d), want %v naming machine %d at byte %d with %q", c.in, err, te.Machine, te.Offset, c.kind, c.machine, c.offset, c.words)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("Parse(%q): error spans lines: %q", c.in, err)
		}
	}
}

func TestFromParentsErrors(t *testing.T) {
	cases := []struct {
		parent  []int
		kind    error
		machine int
		words   string
	}{
		{nil, ErrNoRoot, -1, "no machines"},
		{[]int{-1, 0, 7}, ErrUnknownID, 2, "parent 7"},
		{[]int{-1, -5}, ErrUnknownID, 1, "parent -5"},
		{[]int{-1, 1}, ErrCycle, 1, "its own parent"},
		{[]int{-1, -1, 0}, ErrManyRoots, 1, "machines 0 and 1"},
		{[]int{1, 2, 0}, ErrNoRoot, -1, "cycle"},
		{[]int{-1, 0, 3, 2}, ErrCycle, 2, "machine 2 is its own ancestor"},
		{[]int{-1, 3, 1, 2, 3}, ErrCycle, 1, "own ancestor"},
	}
	for _, c := range cases {
		_, err := FromParents(c.parent)
		var te *TreeError
		if !errors.As(err, &te) || !errors.Is(err, c.kind) || te.Machine != c.machine || !strings.Contains(err.Error(), c.words) {
			t.Errorf("FromParents(%v) = %v, want %v naming %d with %q", c.parent, err, c.kind, c.machine, c.words)
		}
	}
}

func TestFromEdges(t *testing.T) {
	tr, err := FromEdges([]int{4, 1, 3, 2}, []Edge{{1, 2}, {1, 3}, {2, 4}})
	if err != nil {
		t.Fatal(err)
	}
	// Children keep the order of ids.
	if got := tr.String(); got != "1(3,2(4))" {
		t.Errorf("String() = %q", got)
	}
	cases := []struct {
		ids     []int
		edges   []Edge
		kind    error
		machine int
		words   string
	}{
		{[]int{1, 2, 1}, nil, ErrDuplicateID, 1, "listed twice"},
		{[]int{1, -2}, nil, ErrUnknownID, -2, "out of range"},
		{[]int{1, 2}, []Edge{{1, 9}}, ErrUnknownID, 9, "machine 9, which is not listed"},
		{[]int{1, 2}, []Edge{{8, 2}}, ErrUnknownID, 8, "machine 8"},
		{[]int{1, 2, 3}, []Edge{{1, 3}, {2, 3}, {1, 2}}, ErrTwoParents, 3, "two parents, 1 and 2"},
		{[]int{1, 2, 3}, []Edge{{1, 2}}, ErrManyRoots, 3, "1 and 3"},
		{[]int{1, 2, 3}, []Edge{{1, 2}, {2, 3}, {3, 1}}, ErrNoRoot, -1, "cycle"},
		{[]int{1, 2, 3, 4}, []Edge{{1, 2}, {3, 4}, {4, 3}}, ErrCycle, 3, "own ancestor"},
		{[]int{5}, []Edge{{5, 5}}, ErrCycle, 5, "its own parent"},
		{nil, nil, ErrNoRoot, -1, "no machines"},
	}
	for _, c := range cases {
		_, err := FromEdges(c.ids, c.edges)
		var te *TreeError
		if !errors.As(err, &te) || !errors.Is(err, c.kind) || te.Machine != c.machine || !strings.Contains(err.Error(), c.words) {
			t.Errorf("FromEdges(%v, %v) = %v, want %v naming %d with %q", c.ids, c.edges, err, c.kind, c.machine, c.words)
		}
	}
}

func TestDeepAndWideTrees(t *testing.T) {
	const n = 100_000
	// A chain 100,000 deep parses and prints without recursion.
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte('(')
		}
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteString(strings.Repeat(")", n-1))
	desc := b.String()
	tr := mustParse(t, desc)
	if tr.Len() != n || tr.Height() != n-1 || tr.String() != desc {
		t.Fatalf("chain: Len %d Height %d, round trip %v", tr.Len(), tr.Height(), tr.String() == desc)
	}
	s := star(t, n)
	if s.Height() != 1 || len(s.Children(0)) != n-1 {
		t.Fatalf("star: Height %d, %d children", s.Height(), len(s.Children(0)))
	}
	if back := mustParse(t, s.String()); back.String() != s.String() {
		t.Fatal("star does not round trip")
	}
}

// randomParents draws parent links of a random tree of n machines whose
// ids are shuffled, so that children do not always follow their parents.
func randomParents(t *rapid.T, n int) []int {
	perm := rapid.Permutation(seq(n)).Draw(t, "perm")
	parent := make([]int, n)
	parent[perm[0]] = -1
	for i := 1; i < n; i++ {
		parent[perm[i]] = perm[rapid.IntRange(0, i-1).Draw(t, "p")]
	}
	return parent
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func TestTreeRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 60).Draw(t, "n")
		parent := randomParents(t, n)
		tr, err := FromParents(parent)
		if err != nil {
			t.Fatalf("FromParents(%v): %v", parent, err)
		}
		back, err := Parse(tr.String())
		if err != nil {
			t.Fatalf("Parse(%q): %v", tr.String(), err)
		}
		if back.String() != tr.String() || back.Len() != n || back.Height() != tr.Height() {
			t.Fatalf("round trip of %q gave %q", tr.String(), back.String())
		}
		for i, p := range parent {
			got, ok := back.Parent(i)
			if (p >= 0) != ok || (ok && got != p) {
				t.Fatalf("machine %d: parent %d %v, want %d", i, got, ok, p)
			}
		}
		// The same links given as edges build the same tree.
		var edges []Edge
		for i, p := range parent {
			if p >= 0 {
				edges = append(edges, Edge{p, i})
			}
		}
		byEdges, err := FromEdges(seq(n), edges)
		if err != nil || byEdges.String() != tr.String() {
			t.Fatalf("FromEdges gave %v, %v; want %q", byEdges, err, tr.String())
		}
	})
}

func TestRandomTree(t *testing.T) {
	a, b := Random(500, 9), Random(500, 9)
	if a.String() != b.String() {
		t.Error("Random is not deterministic")
	}
	if a.String() == Random(500, 10).String() {
		t.Error("Random ignores its seed")
	}
	if a.Len() != 500 || a.Root() != 1 || !a.Has(500) || a.Has(0) || a.Has(501) {
		t.Errorf("Random(500): Len %d Root %d", a.Len(), a.Root())
	}
	if got := Random(1, 0).String(); got != "1" {
		t.Errorf("Random(1) = %q", got)
	}
}

func TestTopologyString(t *testing.T) {
	tr := mustParse(t, "1(3,2(4))")
	top := TopologyOf(tr)
	if got, want := top.String(), "{1: {2: {4: {}}, 3: {}}}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if top.Len() != 4 {
		t.Errorf("Len() = %d", top.Len())
	}
	if !top.Equal(Topology{1: {3: nil, 2: {4: {}}}}) {
		t.Error("Equal refuses the same tree")
	}
	for _, other := range []Topology{{1: {3: nil, 2: {5: {}}}}, {1: {3: nil, 2: {}}}, {1: {3: {4: nil}, 2: {}}}, nil} {
		if top.Equal(other) {
			t.Errorf("Equal accepts %v", other)
		}
	}
	if Topology(nil).String() != "{}" || !Topology(nil).Equal(Topology{}) {
		t.Error("nil topology is not the empty one")
	}
}

func TestParseTopology(t *testing.T) {
	good := map[string]string{
		"{}":                             "{}",
		"{1: {}}":                        "{1: {}}",
		" { 1 : { 3:{}, 2 : {4:{}} } } ": "{1: {2: {4: {}}, 3: {}}}",
		"{1: {2: {4: {}}, 3: {}}}":       "{1: {2: {4: {}}, 3: {}}}",
	}
	for in, want := range good {
		top, err := ParseTopology(in)
		if err != nil || top.String() != want {
			t.Errorf("ParseTopology(%q) = %v, %v; want %s", in, top, err, want)
		}
	}
	bad := map[string]string{
		"":                           "at byte 0: expected '{', found the end",
		"{1}":                        `at byte 2: expected ':' after machine 1`,
		"{1: 2}":                     `at byte 4: expected '{' after "1:"`,
		"{1: {},}":                   "at byte 7: expected a machine id, found '}'",
		"{1: {} 2: {}}":              "at byte 7: expected ',' or '}', found '2'",
		"{1: {}, 1: {}}":             "at byte 8: machine 1 appears twice in one map",
		"{1: {}}}":                   "at byte 7: unexpected '}' after the last '}'",
		"{1: {2: {}}":                "at byte 11: expected ',' or '}', found the end",
		"{x: {}}":                    "at byte 1: expected a machine id, found 'x'",
		"{99999999999999999999: {}}": "larger than",
	}
	for in, words := range bad {
		if _, err := ParseTopology(in); err == nil || !strings.Contains(err.Error(), words) {
			t.Errorf("ParseTopology(%q) = %v, want an error with %q", in, err, words)
		}
	}
	// Deep nesting parses without recursion.
	deep := strings.Repeat("{1: ", 100_000) + "{}" + strings.Repeat("}", 100_000)
	top, err := ParseTopology(deep)
	if err != nil || top.Len() != 100_000 {
		t.Fatalf("deep: %d machines, %v", top.Len(), err)
	}
}
