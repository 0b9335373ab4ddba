package machinetree

import (
	"testing"
)

// chain returns the tree 0(1(2(...))) of n machines.
func chain(t testing.TB, n int) *Tree {
	t.Helper()
	p := make([]int, n)
	for i := range p {
		p[i] = i - 1
	}
	tr, err := FromParents(p)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// star returns machine 0 with n-1 leaves.
func star(t testing.TB, n int) *Tree {
	t.Helper()
	p := make([]int, n)
	p[0] = -1
	tr, err := FromParents(p)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func mustParse(t testing.TB, s string) *Tree {
	t.Helper()
	tr, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return tr
}

// idle reports the first machine that still holds an entry, or -1.
func idle(c *Cluster) int {
	for i := range c.nodes {
		if c.nodes[i].one.req != 0 || len(c.nodes[i].more) != 0 {
			return c.tree.ids[i]
		}
	}
	return -1
}

// countDirect counts the machines reachable from the root without messages.
func countDirect(t *Tree) int {
	n := 0
	stack := []int32{t.root}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n++
		lo, hi := t.kids(i)
		for k := lo; k < hi; k++ {
			stack = append(stack, k)
		}
	}
	return n
}

// observed returns NewCluster(t, net) with obs as its Observe function.
func observed(t *Tree, net Network, obs func(Event)) *Cluster {
	c := NewCluster(t, net)
	c.Observe = obs
	return c
}
