package machinetree

import (
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
