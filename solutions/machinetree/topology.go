package machinetree

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Topology is a tree, or part of one, as nested maps: each key is a machine
// id and its value is the topology below that machine, so the tree
// "1(2(4),3)" is {1: {2: {4: {}}, 3: {}}}. A leaf maps to an empty Topology;
// the nil Topology is empty too.
//
// A machine answering a topology request sends Topology{id: children},
// where children holds one entry per child: the child's own answer. Maps a
// machine has sent are never changed again, so answers can be shared.
type Topology map[int]Topology

// String returns t in the form {1: {2: {4: {}}, 3: {}}}, keys in increasing
// order at every level. Iterative: any depth is fine. Cost O(n log n) for n
// machines.
func (t Topology) String() string {
	var b strings.Builder
	// Each frame is a sorted key list and the position reached in it.
	type frame struct {
		m    Topology
		keys []int
		next int
	}
	open := func(m Topology) frame {
		keys := make([]int, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		return frame{m: m, keys: keys}
	}
	stack := []frame{open(t)}
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next == len(f.keys) {
			b.WriteByte('}')
			stack = stack[:len(stack)-1]
			continue
		}
		k := f.keys[f.next]
		if f.next > 0 {
			b.WriteString(", ")
		}
		f.next++
		b.WriteString(strconv.Itoa(k))
		b.WriteString(": ")
		sub := f.m[k]
		stack = append(stack, open(sub))
	}
	return b.String()
}

// Len returns the number of machines in t at every level. Iterative.
// Cost O(n).
func (t Topology) Len() int {
	n := 0
	stack := []Topology{t}
	for len(stack) > 0 {
		m := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n += len(m)
		for _, sub := range m {
			stack = append(stack, sub)
		}
	}
	return n
}

// Equal reports whether t and u hold the same machines in the same places.
// Nil and empty topologies are equal. Iterative. Cost O(n).
func (t Topology) Equal(u Topology) bool {
	type pair struct{ a, b Topology }
	stack := []pair{{t, u}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if len(p.a) != len(p.b) {
			return false
		}
		for k, sa := range p.a {
			sb, ok := p.b[k]
			if !ok {
				return false
			}
			stack = append(stack, pair{sa, sb})
		}
	}
	return true
}

// TopologyOf returns the topology of tree t computed directly, without
// messages: the answer a topology request must give. Iterative. Cost O(n).
func TopologyOf(t *Tree) Topology {
	n := t.Len()
	subs := make([]Topology, n)
	// Machines are numbered breadth-first, so every child has a larger
	// number than its parent: filling from the last sees children first.
	for i := int32(n - 1); i >= 0; i-- {
		lo, hi := t.kids(i)
		m := make(Topology, hi-lo)
		for k := lo; k < hi; k++ {
			m[t.ids[k]] = subs[k]
			subs[k] = nil
		}
		subs[i] = m
	}
	return Topology{t.ids[t.root]: subs[t.root]}
}

// ParseTopology reads a topology written as String writes it, such as
// "{1: {2: {4: {}}, 3: {}}}". Spaces may appear between tokens and keys
// may come in any order; a key twice in one map, a missing colon, comma or
// brace, or text after the last brace is an error naming the byte offset.
// Iterative: any depth is fine. Cost O(len(s)) expected.
func ParseTopology(s string) (Topology, error) {
	i := 0
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
	}
	found := func() string {
		if i >= len(s) {
			return "the end"
		}
		return strconv.QuoteRune(rune(s[i]))
	}
	fail := func(format string, args ...any) (Topology, error) {
		return nil, fmt.Errorf("topology: at byte %d: %s", i, fmt.Sprintf(format, args...))
	}
	const (
		keyOrClose   = iota // just after '{'
		commaOrClose        // just after an entry
		key                 // just after ','
	)
	skip()
	if i >= len(s) || s[i] != '{' {
		return fail("expected '{', found %s", found())
	}
	i++
	top := Topology{}
	stack := []Topology{top}
	state := keyOrClose
	for len(stack) > 0 {
		skip()
		c := byte(0)
		if i < len(s) {
			c = s[i]
		}
		switch {
		case c == '}' && state != key:
			i++
			stack = stack[:len(stack)-1]
			state = commaOrClose
		case c == ',' && state == commaOrClose:
			i++
			state = key
		case state == commaOrClose:
			return fail("expected ',' or '}', found %s", found())
		default:
			start := i
			k := 0
			for i < len(s) && s[i] >= '0' && s[i] <= '9' {
				if k > (MaxID-int(s[i]-'0'))/10 {
					return fail("machine id %s... is larger than %d", s[start:i+1], MaxID)
				}
				k = k*10 + int(s[i]-'0')
				i++
			}
			if i == start {
				return fail("expected a machine id, found %s", found())
			}
			m := stack[len(stack)-1]
			if _, dup := m[k]; dup {
				i = start
				return fail("machine %d appears twice in one map", k)
			}
			skip()
			if i >= len(s) || s[i] != ':' {
				return fail("expected ':' after machine %d, found %s", k, found())
			}
			i++
			skip()
			if i >= len(s) || s[i] != '{' {
				return fail("expected '{' after \"%d:\", found %s", k, found())
			}
			i++
			sub := Topology{}
			m[k] = sub
			stack = append(stack, sub)
			state = keyOrClose
		}
	}
	skip()
	if i < len(s) {
		return fail("unexpected %s after the last '}'", found())
	}
	return top, nil
}
