package typeinfer

import (
	"fmt"
	"iter"
	"strings"
)

// Kind is what a Type node is: a tuple, a primitive or a generic.
type Kind uint8

// The kinds of Type node. The zero Type is the empty tuple [].
const (
	Tuple     Kind = iota // a tuple of types, [int, str]; [] has none
	Primitive             // a named primitive type, int or Text
	Generic               // a type variable, T followed by digits: T1
)

var kindNames = [...]string{"tuple", "primitive", "generic"}

// String returns the kind's name, e.g. "generic".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Type is a type of the toy language: a tree whose leaves are primitives
// and generics and whose nodes are tuples. A Type is immutable, so trees
// share subtrees freely; copying a Type copies a header of a few words.
// The zero Type is the empty tuple [].
type Type struct {
	kind  Kind
	name  string // a leaf's name
	elems []Type // a tuple's elements
}

// Leaf returns the leaf named name: a generic when name is T followed by
// one or more ASCII digits, a primitive otherwise. It panics if name is
// not an identifier (an ASCII letter or underscore, then letters, digits
// and underscores), whose printed form would not parse back; use Parse for
// text from outside the program.
func Leaf(name string) Type {
	if !isIdent(name) {
		panic(fmt.Sprintf("typeinfer: Leaf(%q): not an identifier", name))
	}
	if IsGenericName(name) {
		return Type{kind: Generic, name: name}
	}
	return Type{kind: Primitive, name: name}
}

// TupleOf returns the tuple of elems, in order. It keeps its own copy of
// the slice.
func TupleOf(elems ...Type) Type {
	if len(elems) == 0 {
		return Type{}
	}
	return Type{kind: Tuple, elems: append([]Type(nil), elems...)}
}

// IsGenericName reports whether name is a generic's name: the letter T
// followed by one or more ASCII digits. "T1" and "T10" are; "T", "Text"
// and "T1a" are not.
func IsGenericName(name string) bool {
	if len(name) < 2 || name[0] != 'T' {
		return false
	}
	for i := 1; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return false
		}
	}
	return true
}

// isIdent reports whether s is an identifier of the grammar.
func isIdent(s string) bool {
	if s == "" || !identStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !identPart(s[i]) {
			return false
		}
	}
	return true
}

func identStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func identPart(c byte) bool { return identStart(c) || (c >= '0' && c <= '9') }

// Kind is the kind of t's root node.
func (t Type) Kind() Kind { return t.kind }

// Name is the name of a primitive or a generic, "" for a tuple.
func (t Type) Name() string { return t.name }

// Len is the number of elements of a tuple, 0 for a leaf.
func (t Type) Len() int { return len(t.elems) }

// Elem is element i of a tuple. It panics if i is out of range.
func (t Type) Elem(i int) Type { return t.elems[i] }

// Size is the number of nodes of t, leaves and tuples. It takes time in
// proportion to Size.
func (t Type) Size() int {
	n := 0
	for range t.All() {
		n++
	}
	return n
}

// All yields every node of t in pre-order (a tuple before its elements,
// elements left to right) with its index path from t: nil for t itself,
// [1 0] for element 0 of element 1. The index slice is t's own for the
// yield only: copy it to keep it.
func (t Type) All() iter.Seq2[[]int, Type] {
	return func(yield func([]int, Type) bool) {
		type item struct {
			t          *Type
			depth, idx int
		}
		var path []int
		stack := []item{{t: &t}}
		for len(stack) > 0 {
			it := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if it.depth > 0 {
				path = append(path[:it.depth-1], it.idx)
			} else {
				path = path[:0]
			}
			if !yield(path, *it.t) {
				return
			}
			for j := len(it.t.elems) - 1; j >= 0; j-- {
				stack = append(stack, item{&it.t.elems[j], it.depth + 1, j})
			}
		}
	}
}

// Equal reports whether a and b are the same tree: the same kinds and
// names at the same places. It compares structure, not text, so the types
// parsed from "[int,str]" and "[ int , str ]" are equal.
func Equal(a, b Type) bool {
	if a.kind != b.kind || a.name != b.name || len(a.elems) != len(b.elems) {
		return false
	}
	type pair struct{ a, b *Type }
	var buf [32]pair // small trees compare without a stack on the heap
	stack := buf[:0]
	for j := range a.elems {
		stack = append(stack, pair{&a.elems[j], &b.elems[j]})
	}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p.a.kind != p.b.kind || p.a.name != p.b.name || len(p.a.elems) != len(p.b.elems) {
			return false
		}
		for j := range p.a.elems {
			stack = append(stack, pair{&p.a.elems[j], &p.b.elems[j]})
		}
	}
	return true
}

// String returns t in the syntax Parse reads: [int, [T1, str]], elements
// separated by a comma and a space.
func (t Type) String() string {
	b, _ := t.AppendText(nil)
	return string(b)
}

// AppendText appends t in the syntax of String to b and returns the
// extended buffer. The error is always nil; the method implements
// encoding.TextAppender.
func (t Type) AppendText(b []byte) ([]byte, error) {
	type item struct {
		t    *Type
		next int // the next element to print; -1: the node itself
	}
	stack := []item{{&t, -1}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.t.kind != Tuple {
			b = append(b, top.t.name...)
			stack = stack[:len(stack)-1]
			continue
		}
		switch {
		case top.next < 0:
			b = append(b, '[')
			top.next = 0
		case top.next < len(top.t.elems):
			if top.next > 0 {
				b = append(b, ", "...)
			}
			top.next++
			stack = append(stack, item{&top.t.elems[top.next-1], -1})
		default:
			b = append(b, ']')
			stack = stack[:len(stack)-1]
		}
	}
	return b, nil
}

// MarshalText returns t as String writes it; it implements
// encoding.TextMarshaler.
func (t Type) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// Generics returns the names of the generics in t, each once, in the
// order a pre-order walk meets them.
func (t Type) Generics() []string {
	var names []string
	seen := map[string]bool{}
	for _, n := range t.All() {
		if n.kind == Generic && !seen[n.name] {
			seen[n.name] = true
			names = append(names, n.name)
		}
	}
	return names
}

// Path is where a node sits in a call: in parameter Param (counted from
// 1), or in the return type when Param is 0, then the tuple indexes from
// that root down (counted from 0).
type Path struct {
	Param int
	Index []int
}

// String writes p as "param 2 → [1] → [0]", or "return → [0]".
func (p Path) String() string {
	var b strings.Builder
	if p.Param == 0 {
		b.WriteString("return")
	} else {
		fmt.Fprintf(&b, "param %d", p.Param)
	}
	for _, i := range p.Index {
		fmt.Fprintf(&b, " → [%d]", i)
	}
	return b.String()
}

// clonePath returns a Path of its own with index.
func clonePath(param int, index []int) Path {
	return Path{Param: param, Index: append([]int(nil), index...)}
}
