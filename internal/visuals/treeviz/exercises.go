package treeviz

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/machinetree"
)

// exerciseKinds are the quiz exercises; the solution computes every
// answer.
var exerciseKinds = []visual.ExerciseKind{
	{ID: "tree.messages", Title: "messages for one count on n machines", New: newMessages},
	{ID: "tree.reports", Title: "what a machine reports to its parent", New: newReports},
	{ID: "tree.rounds", Title: "rounds a count takes on a given tree", New: newRounds},
	{ID: "tree.topology", Title: "the map a machine sends up for topology", New: newTopology},
}

// number reads a whole number leniently: spaces, commas and underscores
// are ignored.
func number(s string) (int, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == ',' || r == '_' || r == '\t' {
			return -1
		}
		return r
	}, s)
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// numberHint says what to change in an answer that is not a whole number;
// "" for a number, right or wrong.
func numberHint(s string) string {
	if _, ok := number(s); ok || strings.TrimSpace(s) == "" {
		return ""
	}
	return "write the number alone, in digits, e.g. 12"
}

func checkNumber(want int) func(string) bool {
	return func(answer string) bool {
		n, ok := number(answer)
		return ok && n == want
	}
}

// newMessages asks how many messages a count takes on a random tree.
func newMessages(rng *rand.Rand) visual.Exercise {
	n := 2 + rng.IntN(40)
	seed := rng.Uint64N(1000)
	tr := machinetree.Random(n, seed)
	c := machinetree.NewCluster(tr, machinetree.NewSimNetwork(machinetree.FIFO, 0))
	c.Count()
	want := int(c.Messages())
	return visual.Exercise{
		Question: fmt.Sprintf("A tree has %d machines. The root gets one count request from the client. How many messages do the machines send, requests down and answers up, until the root knows the count?", n),
		Answer:   strconv.Itoa(want),
		Check:    checkNumber(want),
		Hint:     numberHint,
		Args:     []string{"--random", strconv.Itoa(n), "--seed", strconv.FormatUint(seed, 10), "--op", "count"},
	}
}

// newReports asks what count a machine sends its parent.
func newReports(rng *rand.Rand) visual.Exercise {
	n := 4 + rng.IntN(8)
	tr := machinetree.Random(n, rng.Uint64N(1000))
	x := 2 + rng.IntN(n-1) // any machine but the root, 1
	want := -1
	c := machinetree.NewCluster(tr, machinetree.NewSimNetwork(machinetree.FIFO, 0))
	c.Observe = func(e machinetree.Event) {
		if e.Kind == machinetree.EventReply && e.Machine == x {
			want = e.Msg.Count
		}
	}
	c.Count()
	desc := tr.String()
	return visual.Exercise{
		Question: fmt.Sprintf("The tree is %s (each id followed by its children in parentheses). During a count, what number does machine %d send to its parent?", desc, x),
		Answer:   strconv.Itoa(want),
		Check:    checkNumber(want),
		Hint:     numberHint,
		Args:     []string{"--tree", desc, "--op", "count"},
	}
}

// newRounds asks how many rounds of a synchronous network a count takes
// once the root has the request.
func newRounds(rng *rand.Rand) visual.Exercise {
	n := 3 + rng.IntN(12)
	tr := machinetree.Random(n, rng.Uint64N(1000))
	net := machinetree.NewSimNetwork(machinetree.FIFO, 0)
	c := machinetree.NewCluster(tr, net)
	req, _ := c.Start(machinetree.Count)
	net.Round() // the client's request reaches the root
	rounds := 0
	for net.Len() > 0 {
		net.Round()
		rounds++
	}
	c.Wait(req)
	desc := tr.String()
	return visual.Exercise{
		Question: fmt.Sprintf("The tree is %s. Every message takes one round, and all messages of a round travel at once. The root has just received a count request: how many rounds until it knows the count?", desc),
		Answer:   strconv.Itoa(rounds),
		Check:    checkNumber(rounds),
		Hint:     numberHint,
		Args:     []string{"--tree", desc, "--op", "count"},
	}
}

// newTopology asks for the map a machine sends up during a topology
// request.
func newTopology(rng *rand.Rand) visual.Exercise {
	n := 3 + rng.IntN(7)
	tr := machinetree.Random(n, rng.Uint64N(1000))
	x := 1 + rng.IntN(n)
	var want machinetree.Topology
	c := machinetree.NewCluster(tr, machinetree.NewSimNetwork(machinetree.FIFO, 0))
	c.Observe = func(e machinetree.Event) {
		switch {
		case e.Kind == machinetree.EventReply && e.Machine == x:
			want = e.Msg.Topology
		case e.Kind == machinetree.EventFinal && x == tr.Root():
			want = e.Result.Topology
		}
	}
	c.Topology()
	desc := tr.String()
	to := "its parent"
	if x == tr.Root() {
		to = "the client, as the final answer"
	}
	return visual.Exercise{
		Question: fmt.Sprintf("The tree is %s. During a topology request, what map does machine %d send to %s? Write it like {2: {4: {}}}.", desc, x, to),
		Answer:   want.String(),
		Check: func(answer string) bool {
			got, err := machinetree.ParseTopology(answer)
			return err == nil && got.Equal(want)
		},
		Hint: func(answer string) string {
			if _, err := machinetree.ParseTopology(answer); err == nil || strings.TrimSpace(answer) == "" {
				return ""
			}
			return "write the map with braces, each id followed by a colon and its own map, e.g. {2: {4: {}}, 3: {}}"
		},
		Args: []string{"--tree", desc, "--op", "topology"},
	}
}
