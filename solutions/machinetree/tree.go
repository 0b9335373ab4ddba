package machinetree

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Errors a tree description can have. A *TreeError wraps one of them, so
// errors.Is(err, ErrCycle) tells the kind while the message names the node.
var (
	ErrSyntax      = errors.New("malformed tree description")
	ErrUnknownID   = errors.New("unknown machine id")
	ErrDuplicateID = errors.New("machine listed twice")
	ErrTwoParents  = errors.New("machine with two parents")
	ErrCycle       = errors.New("cycle")
	ErrManyRoots   = errors.New("more than one root")
	ErrNoRoot      = errors.New("no root")
)

// TreeError is a tree description that does not describe a tree. Err is one
// of the Err* values of this package; Machine is the machine it names (-1 when
// none); Offset is the byte offset in the nested description (-1 when the
// tree was not parsed from one).
type TreeError struct {
	Err     error
	Machine int
	Offset  int
	Detail  string
}

// Error returns the one-line message: the kind of problem, the machine and
// the byte offset where they apply, and the detail.
func (e *TreeError) Error() string {
	var b strings.Builder
	b.WriteString(e.Err.Error())
	if e.Offset >= 0 {
		fmt.Fprintf(&b, " at byte %d", e.Offset)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// Unwrap returns e.Err.
func (e *TreeError) Unwrap() error { return e.Err }

func treeErr(kind error, machine, offset int, format string, args ...any) error {
	return &TreeError{Err: kind, Machine: machine, Offset: offset, Detail: fmt.Sprintf(format, args...)}
}

// MaxID is the largest machine id. Ids are 0 to MaxID; Client (-1) is the
// outside caller that asks the root.
const MaxID = 1<<53 - 1

// Tree is a validated rooted tree of machines, identified by non-negative
// integer ids. The zero Tree has no machines and is not usable by a Cluster;
// build one with Parse, FromParents, FromEdges or Random. A Tree is
// immutable and safe for concurrent use.
//
// Internally machines are numbered 0 to Len()-1 in breadth-first order, so
// the children of a machine have consecutive numbers, kept in the order they
// were given, and a request travelling down the tree touches memory in
// order.
type Tree struct {
	ids    []int         // index -> id
	index  map[int]int32 // id -> index, for sparse ids
	at     []int32       // id-base -> index, for dense ids
	base   int           // when index and at are nil, id = base + index
	parent []int32       // index -> parent index, -1 for the root
	first  []int32       // children of i are first[i] to first[i+1]-1
	root   int32
}

// build validates parent links over machines 0..len(parent)-1 (numbered as
// given, with t.ids, t.index and t.at describing that numbering), then
// renumbers them in breadth-first order. Cost O(n).
func build(t *Tree) (*Tree, error) {
	n := len(t.parent)
	if n == 0 {
		return nil, treeErr(ErrNoRoot, -1, -1, "the tree has no machines")
	}
	root := int32(-1)
	for i, p := range t.parent {
		if p >= 0 {
			continue
		}
		if root >= 0 {
			return nil, treeErr(ErrManyRoots, t.ids[i], -1, "machines %d and %d both have no parent", t.ids[root], t.ids[i])
		}
		root = int32(i)
	}
	if root < 0 {
		// Every machine has a parent: following parents from any machine
		// must loop.
		return nil, treeErr(ErrNoRoot, -1, -1, "every machine has a parent, so they form a cycle through machine %d", t.ids[onCycle(t.parent, 0)])
	}
	// Counting sort of the machines by parent keeps each child list in the
	// order the machines were given. One root means n-1 links.
	first := make([]int32, n+1)
	for _, p := range t.parent {
		if p >= 0 {
			first[p+1]++
		}
	}
	for i := 1; i <= n; i++ {
		first[i] += first[i-1]
	}
	kids := make([]int32, n-1)
	fill := make([]int32, n)
	for i, p := range t.parent {
		if p >= 0 {
			kids[first[p]+fill[p]] = int32(i)
			fill[p]++
		}
	}
	// Breadth-first from the root: order is the queue and the new
	// numbering. Machines it never reaches sit on or below a cycle.
	order := fill[:0]
	order = append(order, root)
	for q := 0; q < len(order); q++ {
		i := order[q]
		order = append(order, kids[first[i]:first[i+1]]...)
	}
	if len(order) < n {
		seen := make([]bool, n)
		for _, i := range order {
			seen[i] = true
		}
		for i := range seen {
			if !seen[i] {
				c := onCycle(t.parent, int32(i))
				return nil, treeErr(ErrCycle, t.ids[c], -1, "machine %d is its own ancestor, so it cannot reach the root %d", t.ids[c], t.ids[root])
			}
		}
	}
	// Renumber: machine order[k] becomes k.
	renum := make([]int32, n)
	for k, i := range order {
		renum[i] = int32(k)
	}
	nt := &Tree{ids: make([]int, n), parent: make([]int32, n), first: make([]int32, n+1), base: t.base}
	next := int32(1)
	for k, i := range order {
		nt.ids[k] = t.ids[i]
		if p := t.parent[i]; p >= 0 {
			nt.parent[k] = renum[p]
		} else {
			nt.parent[k] = -1
		}
		nt.first[k] = next
		next += first[i+1] - first[i]
	}
	nt.first[n] = next
	switch {
	case t.index != nil:
		for id, i := range t.index {
			t.index[id] = renum[i]
		}
		nt.index = t.index
	case t.at != nil:
		for j, i := range t.at {
			t.at[j] = renum[i]
		}
		nt.at = t.at
	default:
		// Identity numbering before: ids base+i. Keep the map from id
		// to the new number.
		nt.at = renum
	}
	return nt, nil
}

// onCycle follows parent links from i until a machine repeats and returns
// that machine, which lies on a cycle. The caller guarantees that the walk
// from i never reaches a root.
func onCycle(parent []int32, i int32) int32 {
	// Floyd's tortoise and hare: O(n) time, O(1) space.
	slow, fast := i, i
	for {
		slow = parent[slow]
		fast = parent[parent[fast]]
		if slow == fast {
			return slow
		}
	}
}

// FromParents builds the tree whose machines are 0 to len(parent)-1, where
// parent[i] is the parent of machine i and -1 marks the root. It reports
// ErrUnknownID for a parent that is not a machine, ErrCycle, ErrManyRoots and
// ErrNoRoot, each naming a machine. Cost O(n).
func FromParents(parent []int) (*Tree, error) {
	n := len(parent)
	t := &Tree{parent: make([]int32, n), ids: make([]int, n)}
	if n > 1<<31-1 {
		return nil, treeErr(ErrSyntax, -1, -1, "%d machines is too many", n)
	}
	for i, p := range parent {
		t.ids[i] = i
		switch {
		case p == -1:
			t.parent[i] = -1
		case p < 0 || p >= n:
			return nil, treeErr(ErrUnknownID, i, -1, "machine %d has parent %d, which is not a machine (ids are 0 to %d, -1 for the root)", i, p, n-1)
		case p == i:
			return nil, treeErr(ErrCycle, i, -1, "machine %d is its own parent", i)
		default:
			t.parent[i] = int32(p)
		}
	}
	return build(t)
}

// Edge is a parent link: Child's parent is Parent.
type Edge struct {
	Parent, Child int
}

// FromEdges builds the tree of the machines ids linked by edges. It reports
// ErrDuplicateID for an id listed twice, ErrUnknownID for an edge naming an
// id not in ids (or a negative id), ErrTwoParents for a machine that is the
// child of two edges, and ErrCycle, ErrManyRoots and ErrNoRoot, each naming a
// machine. Children are ordered as they are in ids.
// Cost O(n + len(edges)) expected.
func FromEdges(ids []int, edges []Edge) (*Tree, error) {
	n := len(ids)
	if n > 1<<31-1 {
		return nil, treeErr(ErrSyntax, -1, -1, "%d machines is too many", n)
	}
	t := &Tree{ids: append([]int(nil), ids...), index: make(map[int]int32, n), parent: make([]int32, n)}
	for i, id := range ids {
		if id < 0 || id > MaxID {
			return nil, treeErr(ErrUnknownID, id, -1, "machine id %d is out of range 0 to %d", id, MaxID)
		}
		if _, dup := t.index[id]; dup {
			return nil, treeErr(ErrDuplicateID, id, -1, "machine %d is listed twice", id)
		}
		t.index[id] = int32(i)
		t.parent[i] = -1
	}
	for _, e := range edges {
		p, ok := t.index[e.Parent]
		if !ok {
			return nil, treeErr(ErrUnknownID, e.Parent, -1, "edge %d->%d names machine %d, which is not listed", e.Parent, e.Child, e.Parent)
		}
		c, ok := t.index[e.Child]
		if !ok {
			return nil, treeErr(ErrUnknownID, e.Child, -1, "edge %d->%d names machine %d, which is not listed", e.Parent, e.Child, e.Child)
		}
		if p == c {
			return nil, treeErr(ErrCycle, e.Child, -1, "machine %d is its own parent", e.Child)
		}
		if old := t.parent[c]; old >= 0 {
			return nil, treeErr(ErrTwoParents, e.Child, -1, "machine %d has two parents, %d and %d", e.Child, t.ids[old], e.Parent)
		}
		t.parent[c] = p
	}
	return build(t)
}

// Parse builds the tree of a nested description: a machine id, optionally
// followed by its children in parentheses, separated by commas, each child
// described the same way. "1(2(4),3)" is machine 1 with children 2 and 3,
// and 4 below 2. Ids are decimal, 0 to MaxID; spaces between tokens are
// allowed. Errors name the byte offset: ErrSyntax, ErrManyRoots (two
// descriptions side by side), ErrCycle (an id inside its own description)
// and ErrTwoParents (an id that appears twice otherwise). Parse is iterative:
// a chain 100,000 deep costs no stack. Cost O(len(s)) expected.
func Parse(s string) (*Tree, error) {
	p := parser{s: s}
	return p.parse()
}

type parser struct {
	s   string
	i   int
	t   Tree
	at  []int // byte offset of each machine's id
	idx map[int]int32
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *parser) found() string {
	if p.i >= len(p.s) {
		return "the end"
	}
	return strconv.QuoteRune(rune(p.s[p.i]))
}

// id reads a machine id and adds the machine below parent.
func (p *parser) id(parent int32, open []int32) (int32, error) {
	p.skipSpace()
	start := p.i
	v := 0
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		if v > (MaxID-int(p.s[p.i]-'0'))/10 {
			return 0, treeErr(ErrSyntax, -1, start, "machine id %s... is larger than %d", p.s[start:p.i+1], MaxID)
		}
		v = v*10 + int(p.s[p.i]-'0')
		p.i++
	}
	if p.i == start {
		return 0, treeErr(ErrSyntax, -1, start, "expected a machine id, found %s", p.found())
	}
	if old, dup := p.idx[v]; dup {
		for _, a := range open {
			if a == old {
				return 0, treeErr(ErrCycle, v, start, "machine %d appears inside its own description (first at byte %d), so it would be its own ancestor", v, p.at[old])
			}
		}
		if po := p.t.parent[old]; po >= 0 && parent >= 0 {
			return 0, treeErr(ErrTwoParents, v, start, "machine %d appears twice (first at byte %d), under %d and under %d", v, p.at[old], p.t.ids[po], p.t.ids[parent])
		}
		return 0, treeErr(ErrTwoParents, v, start, "machine %d appears twice (first at byte %d)", v, p.at[old])
	}
	k := int32(len(p.t.ids))
	p.idx[v] = k
	p.t.ids = append(p.t.ids, v)
	p.t.parent = append(p.t.parent, parent)
	p.at = append(p.at, start)
	return k, nil
}

func (p *parser) parse() (*Tree, error) {
	p.idx = make(map[int]int32)
	p.skipSpace()
	if p.i == len(p.s) {
		return nil, treeErr(ErrSyntax, -1, 0, "the description is empty; write a root id such as 1 or 1(2,3)")
	}
	root, err := p.id(-1, nil)
	if err != nil {
		return nil, err
	}
	// open is the stack of machines whose child list is open; last is the
	// machine just read, which may open its own list.
	open := []int32{}
	last := root
	closed := false // just read ')': a '(' cannot follow
	for {
		p.skipSpace()
		if p.i == len(p.s) {
			if len(open) > 0 {
				return nil, treeErr(ErrSyntax, p.t.ids[open[len(open)-1]], p.i, "the children of machine %d are not closed with ')'", p.t.ids[open[len(open)-1]])
			}
			break
		}
		switch c := p.s[p.i]; {
		case c == '(' && closed:
			return nil, treeErr(ErrSyntax, p.t.ids[last], p.i, "the children of machine %d are already closed; expected ',' or ')' after ')', found '('", p.t.ids[last])
		case c == '(':
			p.i++
			open = append(open, last)
			if last, err = p.id(last, open); err != nil {
				return nil, err
			}
			closed = false
		case c == ',' && len(open) > 0:
			p.i++
			if last, err = p.id(open[len(open)-1], open); err != nil {
				return nil, err
			}
			closed = false
		case c == ')' && len(open) > 0:
			p.i++
			last = open[len(open)-1]
			open = open[:len(open)-1]
			closed = true
		case c == ',':
			off := p.i
			p.i++
			p.skipSpace()
			if p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
				j := p.i
				for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
					j++
				}
				return nil, treeErr(ErrManyRoots, p.t.ids[root], off, "machines %d and %s are both roots; a tree has one root", p.t.ids[root], p.s[p.i:j])
			}
			return nil, treeErr(ErrSyntax, -1, off, "unexpected ',' after the root's description")
		default:
			return nil, treeErr(ErrSyntax, -1, p.i, "expected '(', ',' or ')' after machine %d, found %s", p.t.ids[last], p.found())
		}
	}
	p.t.index = p.idx
	return build(&p.t)
}

// Random returns a random recursive tree of n machines, rooted at 1: each
// machine but the first gets a parent drawn uniformly from those made before
// it. Its height grows like e·ln n. Ids 1 to n are then given in
// breadth-first order, so the root's children are 2, 3, ... The same n and
// seed give the same tree. It panics if n < 1. Cost O(n).
func Random(n int, seed uint64) *Tree {
	if n < 1 {
		panic("machinetree: Random needs at least one machine")
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	t := &Tree{ids: make([]int, n), parent: make([]int32, n)}
	t.parent[0] = -1
	for i := 1; i < n; i++ {
		t.parent[i] = int32(rng.IntN(i))
	}
	t, err := build(t)
	if err != nil {
		panic("machinetree: Random built an invalid tree: " + err.Error())
	}
	for i := range t.ids {
		t.ids[i] = i + 1
	}
	t.at, t.base = nil, 1
	return t
}

// Len returns the number of machines.
func (t *Tree) Len() int { return len(t.parent) }

// Root returns the root's id.
func (t *Tree) Root() int { return t.ids[t.root] }

// lookup returns the index of machine id.
func (t *Tree) lookup(id int) (int32, bool) {
	if t.index != nil {
		j, ok := t.index[id]
		return j, ok
	}
	j := id - t.base
	if j < 0 || j >= len(t.ids) {
		return -1, false
	}
	if t.at != nil {
		return t.at[j], true
	}
	return int32(j), true
}

// Has reports whether id is a machine of t.
func (t *Tree) Has(id int) bool {
	_, ok := t.lookup(id)
	return ok
}

// Parent returns the parent of machine id; ok is false for the root and for
// an id that is not a machine.
func (t *Tree) Parent(id int) (parent int, ok bool) {
	i, ok := t.lookup(id)
	if !ok || t.parent[i] < 0 {
		return 0, false
	}
	return t.ids[t.parent[i]], true
}

// Children returns the children of machine id in their given order, in a
// new slice; nil for a leaf or an id that is not a machine.
func (t *Tree) Children(id int) []int {
	i, ok := t.lookup(id)
	if !ok {
		return nil
	}
	lo, hi := t.kids(i)
	if lo == hi {
		return nil
	}
	return append([]int(nil), t.ids[lo:hi]...)
}

// kids returns the range of i's children: lo to hi-1.
func (t *Tree) kids(i int32) (lo, hi int32) { return t.first[i], t.first[i+1] }

// Height returns the number of edges on the longest path from the root to a
// leaf: 0 for a single machine. Cost O(n).
func (t *Tree) Height() int {
	depth := make([]int32, len(t.parent))
	h := int32(0)
	stack := []int32{t.root}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		h = max(h, depth[i])
		lo, hi := t.kids(i)
		for k := lo; k < hi; k++ {
			depth[k] = depth[i] + 1
			stack = append(stack, k)
		}
	}
	return int(h)
}

// Preorder calls yield for each machine, parents before children and
// children in their given order, with its depth (0 for the root) and whether
// it is the last child of its parent; it stops when yield returns false.
// Iterative: any depth is fine. Cost O(n).
func (t *Tree) Preorder(yield func(id, depth int, last bool) bool) {
	type item struct {
		i     int32
		depth int
		last  bool
	}
	stack := []item{{t.root, 0, true}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !yield(t.ids[it.i], it.depth, it.last) {
			return
		}
		lo, hi := t.kids(it.i)
		for k := hi - 1; k >= lo; k-- {
			stack = append(stack, item{k, it.depth + 1, k == hi-1})
		}
	}
}

// String returns the nested description of t, such as "1(2(4),3)", which
// Parse reads back into the same tree. Iterative. Cost O(n).
func (t *Tree) String() string {
	var b strings.Builder
	depth := 0
	t.Preorder(func(id, d int, _ bool) bool {
		switch {
		case d > depth:
			b.WriteByte('(')
		case d == depth && b.Len() > 0:
			b.WriteByte(',')
		case d < depth:
			b.WriteString(strings.Repeat(")", depth-d))
			b.WriteByte(',')
		}
		depth = d
		b.WriteString(strconv.Itoa(id))
		return true
	})
	b.WriteString(strings.Repeat(")", depth))
	return b.String()
}
