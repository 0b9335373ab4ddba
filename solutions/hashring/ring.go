package hashring

import (
	"cmp"
	"fmt"
	"hash/crc32"
	"slices"
	"sort"
	"strconv"
)

// Hash maps bytes to a position on the ring.
type Hash func(data []byte) uint32

// Point is a virtual node: replica Replica of Node, at position Hash.
type Point struct {
	Hash    uint32
	Node    string
	Replica int

	seq uint64 // the order points were added, to settle equal hashes
}

// Position is where a key landed: its hash, and the point that owns it,
// the first at or after the hash, going round past the top of the ring.
type Position struct {
	// KeyHash is the key's position on the ring.
	KeyHash uint32
	// Point is the owning virtual node.
	Point Point
	// Index is the point's index in Points, in increasing order of hash.
	Index int
	// Wrapped reports whether the key's hash lay after the last point, so
	// that its owner is the first point.
	Wrapped bool
}

// Ring is a consistent-hash ring. The zero value is not usable; make one
// with New. A Ring is not safe for concurrent use: guard it, or build a
// new one and swap it in.
type Ring struct {
	replicas int
	hash     Hash
	points   []Point // by Hash, then by seq
	nodes    []string
	seq      uint64
}

// New returns an empty ring that places each node at replicas points,
// hashed with fn, or with crc32.ChecksumIEEE when fn is nil. Replicas
// below 1 count as 1.
func New(replicas int, fn Hash) *Ring {
	if replicas < 1 {
		replicas = 1
	}
	if fn == nil {
		fn = crc32.ChecksumIEEE
	}
	return &Ring{replicas: replicas, hash: fn}
}

// Replicas is the number of points per node.
func (r *Ring) Replicas() int { return r.replicas }

// Add places each node not already on the ring at its points.
// O((P + n·R) log P) for P points, n nodes and R replicas.
func (r *Ring) Add(nodes ...string) {
	for _, n := range nodes {
		if slices.Contains(r.nodes, n) {
			continue
		}
		r.nodes = append(r.nodes, n)
		for i := range r.replicas {
			r.seq++
			h := r.hash([]byte(strconv.Itoa(i) + n))
			r.points = append(r.points, Point{Hash: h, Node: n, Replica: i, seq: r.seq})
		}
	}
	slices.SortFunc(r.points, func(a, b Point) int {
		if a.Hash != b.Hash {
			return cmp.Compare(a.Hash, b.Hash)
		}
		return cmp.Compare(a.seq, b.seq)
	})
}

// Remove takes each node off the ring, with all its points; its keys go
// to the points that follow. O(P·N) for P points and N nodes.
func (r *Ring) Remove(nodes ...string) {
	for _, n := range nodes {
		r.nodes = slices.DeleteFunc(r.nodes, func(m string) bool { return m == n })
	}
	r.points = slices.DeleteFunc(r.points, func(p Point) bool {
		return !slices.Contains(r.nodes, p.Node)
	})
}

// IsEmpty reports whether the ring has no nodes.
func (r *Ring) IsEmpty() bool { return len(r.points) == 0 }

// Nodes returns the nodes, in the order they were added.
func (r *Ring) Nodes() []string { return slices.Clone(r.nodes) }

// Points returns the points in increasing order of hash.
func (r *Ring) Points() []Point { return slices.Clone(r.points) }

// Get returns the node that owns key, or "" when the ring is empty.
// O(log P).
func (r *Ring) Get(key string) string {
	if r.IsEmpty() {
		return ""
	}
	return r.Locate(key).Point.Node
}

// Locate returns where key lands: its hash and the point that owns it.
// On an empty ring it returns the key's hash and an Index of -1.
// O(log P).
func (r *Ring) Locate(key string) Position {
	h := r.hash([]byte(key))
	if r.IsEmpty() {
		return Position{KeyHash: h, Index: -1}
	}
	i := sort.Search(len(r.points), func(i int) bool { return r.points[i].Hash >= h })
	wrapped := i == len(r.points)
	if wrapped {
		i = 0
	}
	// Of points on one position the last added owns it.
	for i+1 < len(r.points) && r.points[i+1].Hash == r.points[i].Hash {
		i++
	}
	return Position{KeyHash: h, Point: r.points[i], Index: i, Wrapped: wrapped}
}

// String describes the ring in a few words, e.g. "3 nodes × 10 points".
func (r *Ring) String() string {
	return fmt.Sprintf("%d nodes × %d points", len(r.nodes), r.replicas)
}
