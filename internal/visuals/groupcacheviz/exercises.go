package groupcacheviz

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tutor/internal/visual"
	"tutor/solutions/hashring"
)

// exercises are the generated quiz exercises, each graded by the
// solution: the ring by solutions/hashring, the loads by a run of
// solutions/groupcache.
var exercises = []visual.ExerciseKind{
	{ID: "groupcache.owner", Title: "which peer owns a key on the ring", New: newOwner},
	{ID: "groupcache.loads", Title: "loads from the source for concurrent Gets of a cold key", New: newLoads},
	{ID: "groupcache.moved", Title: "keys that change owner when a peer joins", New: newMoved},
}

// ringSize is the size of the small ring the ring exercises draw on:
// positions 0 to ringSize-1, so a learner can compare them at a glance.
const ringSize = 100

// smallRing is a ring of named positions: the hash of a virtual node's
// or a key's name is the position drawn for it, so the solution's ring
// places them where the question says.
type smallRing map[string]uint32

func (s smallRing) hash(b []byte) uint32 { return s[string(b)] }

// draw places n distinct positions, none of them in used, marking them
// used.
func draw(r *rand.Rand, n int, used map[uint32]bool) []uint32 {
	var out []uint32
	for len(out) < n {
		p := uint32(r.IntN(ringSize))
		if !used[p] {
			used[p] = true
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// place puts peer's replicas at pos in s: replica i of peer is named, as
// solutions/hashring names it, decimal(i) + peer.
func (s smallRing) place(peer string, pos []uint32) {
	for i, p := range pos {
		s[strconv.Itoa(i)+peer] = p
	}
}

// positions lists a peer's positions for a question.
func positions(pos []uint32) string {
	parts := make([]string, len(pos))
	for i, p := range pos {
		parts[i] = strconv.Itoa(int(p))
	}
	return strings.Join(parts, ", ")
}

// peerAnswer reads an answer naming a peer: "B", " b ", "peer B".
func peerAnswer(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimSpace(strings.TrimPrefix(s, "PEER"))
	return s
}

// peerHint says what to write when the answer is not a peer's letter.
func peerHint(peers int) func(string) string {
	return func(s string) string {
		a := peerAnswer(s)
		if _, err := strconv.Atoi(a); err == nil {
			return fmt.Sprintf("write the peer's letter (A to %s), not a position on the ring", peerName(peers-1))
		}
		if peerIndex(a, peers) < 0 && len(a) != 1 {
			return fmt.Sprintf("write one peer's letter, A to %s", peerName(peers-1))
		}
		return ""
	}
}

// newOwner asks which peer owns a key, given every virtual node's
// position on a ring of 100, answered by solutions/hashring. One time in
// three the key lies past the last point, so the answer wraps round.
func newOwner(r *rand.Rand) visual.Exercise {
	peers := 2 + r.IntN(2)
	replicas := 2 + r.IntN(2)
	s := smallRing{}
	used := map[uint32]bool{}
	var lines []string
	var last uint32
	for i := range peers {
		pos := draw(r, replicas, used)
		s.place(peerName(i), pos)
		lines = append(lines, fmt.Sprintf("%s at %s", peerName(i), positions(pos)))
		last = max(last, pos[len(pos)-1])
	}
	key := "k" + strconv.Itoa(1+r.IntN(99))
	if r.IntN(3) == 0 && last < ringSize-1 {
		s[key] = last + 1 + uint32(r.IntN(int(ringSize-1-last)))
	} else {
		s[key] = draw(r, 1, used)[0]
	}
	ring := hashring.New(replicas, s.hash)
	for i := range peers {
		ring.Add(peerName(i))
	}
	owner := ring.Get(key)
	return visual.Exercise{
		Question: fmt.Sprintf("A consistent-hash ring has positions 0 to %d. Virtual nodes: %s. Key %s hashes to %d. Which peer owns %s?",
			ringSize-1, strings.Join(lines, "; "), key, s[key], key),
		Answer: owner,
		Check:  func(a string) bool { return peerAnswer(a) == owner },
		Hint:   peerHint(peers),
	}
}

// newMoved asks how many of a few keys change owner when a peer joins,
// answered by two rings of solutions/hashring, before and after.
func newMoved(r *rand.Rand) visual.Exercise {
	peers := 2
	s := smallRing{}
	used := map[uint32]bool{}
	var lines []string
	for i := range peers {
		pos := draw(r, 2, used)
		s.place(peerName(i), pos)
		lines = append(lines, fmt.Sprintf("%s at %s", peerName(i), positions(pos)))
	}
	joiner := peerName(peers)
	jpos := draw(r, 2, used)
	s.place(joiner, jpos)
	kpos := draw(r, 6, used)
	var keys []string
	for i, p := range kpos {
		k := "k" + strconv.Itoa(i+1)
		s[k] = p
		keys = append(keys, fmt.Sprintf("%s at %d", k, p))
	}
	before := hashring.New(2, s.hash)
	before.Add(peerName(0), peerName(1))
	after := hashring.New(2, s.hash)
	after.Add(peerName(0), peerName(1), joiner)
	moved := 0
	for i := range kpos {
		k := "k" + strconv.Itoa(i+1)
		if before.Get(k) != after.Get(k) {
			moved++
		}
	}
	return visual.Exercise{
		Question: fmt.Sprintf("A consistent-hash ring has positions 0 to %d. Virtual nodes: %s. Keys: %s. Peer %s joins with virtual nodes at %s. How many of the 6 keys change owner?",
			ringSize-1, strings.Join(lines, "; "), strings.Join(keys, ", "), joiner, positions(jpos)),
		Answer: strconv.Itoa(moved),
		Check:  numberIs(moved),
		Hint:   numberHint,
	}
}

// newLoads asks how many times a cold key is loaded from the source when
// many clients Get it at once over a few peers, one of them perhaps down,
// answered by a run of solutions/groupcache.
func newLoads(r *rand.Rand) visual.Exercise {
	for {
		in := input{
			peers:    2 + r.IntN(3),
			clients:  []int{5, 10, 20, 50, 100}[r.IntN(5)],
			replicas: []int{1, 4, 10, 50}[r.IntN(4)],
			gets:     []string{"k" + strconv.Itoa(1+r.IntN(99))},
		}
		down := ""
		if r.IntN(2) == 0 {
			d := r.IntN(in.peers)
			in.down = []int{d}
			down = fmt.Sprintf(" Peer %s is down: requests to it fail.", peerName(d))
		}
		rec, err := record(in)
		if err != nil {
			continue
		}
		n := rec.sourceLoads
		owner := label(rec.keyPos[0].Point.Node)
		return visual.Exercise{
			Question: fmt.Sprintf("%d groupcache peers (%d virtual nodes each); the ring makes %s the owner of %s.%s %d clients Get the cold key %s at the same moment, spread round robin over the peers that are up. How many times is %s loaded from the slow source?",
				in.peers, in.replicas, owner, in.gets[0], down, in.clients, in.gets[0], in.gets[0]),
			Answer: strconv.Itoa(n),
			Check:  numberIs(n),
			Args:   format(in),
			Hint:   numberHint,
		}
	}
}

// numberIs accepts the number n written in digits.
func numberIs(n int) func(string) bool {
	return func(a string) bool {
		v, err := strconv.Atoi(strings.TrimSpace(a))
		return err == nil && v == n
	}
}

// numberHint asks for digits when the answer is a number in words or
// with a unit.
func numberHint(a string) string {
	a = strings.TrimSpace(a)
	if _, err := strconv.Atoi(a); err == nil {
		return ""
	}
	if strings.IndexFunc(a, unicode.IsDigit) >= 0 || slices.Contains(numberWords, strings.ToLower(a)) {
		return "write the number alone, in digits"
	}
	return ""
}

// numberWords are small numbers in words, answers a hint turns into
// digits.
var numberWords = []string{"zero", "none", "one", "two", "three", "four", "five", "six"}
