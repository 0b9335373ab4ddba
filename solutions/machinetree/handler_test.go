package machinetree

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// ask runs one request of op on a fresh simulated cluster and checks the
// answer, the message count and that every entry was dropped.
func ask(t testing.TB, tr *Tree, op Op, order Order, seed uint64) Result {
	t.Helper()
	net := NewSimNetwork(order, seed)
	c := NewCluster(tr, net)
	req, err := c.Start(op)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Wait(req)
	if err != nil {
		t.Fatalf("%s on %d machines, %v: %v", op, tr.Len(), order, err)
	}
	checkResult(t, tr, res)
	if got, want := c.Messages(), int64(2*(tr.Len()-1)); got != want {
		t.Errorf("%s on %d machines, %v: %d messages, want 2(n-1) = %d", op, tr.Len(), order, got, want)
	}
	if net.Len() != 0 {
		t.Errorf("%d messages still in flight after the answer", net.Len())
	}
	if m := idle(c); m >= 0 {
		t.Errorf("machine %d still holds an entry after the answer", m)
	}
	return res
}

// errorer is what checkResult needs of testing.TB and rapid.T.
type errorer interface {
	Helper()
	Errorf(format string, args ...any)
}

func checkResult(t errorer, tr *Tree, res Result) {
	t.Helper()
	switch res.Op {
	case Count:
		if res.Count != tr.Len() {
			t.Errorf("count = %d, want %d", res.Count, tr.Len())
		}
	case TopologyOp:
		if want := TopologyOf(tr); !res.Topology.Equal(want) {
			t.Errorf("topology = %.200s, want %.200s", res.Topology, want)
		}
	default:
		t.Errorf("result has op %v", res.Op)
	}
}

func TestCountAndTopologyShapes(t *testing.T) {
	const big = 100_000
	shapes := []struct {
		name string
		tree *Tree
	}{
		{"single", mustParse(t, "7")},
		{"pair", mustParse(t, "1(2)")},
		{"example", mustParse(t, "1(2(4),3)")},
		{"chain100k", chain(t, big)},
		{"star100k", star(t, big)},
		{"random100k", Random(big, 1)},
		{"random1k", Random(1000, 2)},
	}
	for _, s := range shapes {
		for _, op := range []Op{Count, TopologyOp} {
			for _, order := range Orders {
				t.Run(fmt.Sprintf("%s/%s/%s", s.name, op, order), func(t *testing.T) {
					if order == RandomOrder && s.tree.Len() == big && s.name != "chain100k" {
						// Random delivery from the middle of 100,000
						// in-flight messages is quadratic; smaller
						// random trees cover it.
						t.Skip("random order on a wide 100,000 tree is slow")
					}
					ask(t, s.tree, op, order, 42)
				})
			}
		}
	}
}

func TestExampleAnswers(t *testing.T) {
	tr := mustParse(t, "1(2(4),3)")
	if r := ask(t, tr, Count, FIFO, 0); r.String() != "count 4" {
		t.Errorf("count: %q", r)
	}
	if r := ask(t, tr, TopologyOp, LIFO, 0); r.String() != "{1: {2: {4: {}}, 3: {}}}" {
		t.Errorf("topology: %q", r)
	}
	if r := ask(t, mustParse(t, "5"), TopologyOp, FIFO, 0); r.String() != "{5: {}}" {
		t.Errorf("single topology: %q", r)
	}
}

// TestEveryOrderSameAnswer delivers the messages in an order rapid picks
// at every step, and sometimes runs a second request interleaved.
func TestEveryOrderSameAnswer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 40).Draw(t, "n")
		tr, err := FromParents(randomParents(t, n))
		if err != nil {
			t.Fatal(err)
		}
		net := NewSimNetwork(FIFO, 0)
		c := NewCluster(tr, net)
		ops := []Op{rapid.SampledFrom([]Op{Count, TopologyOp}).Draw(t, "op")}
		if rapid.Bool().Draw(t, "two") {
			ops = append(ops, rapid.SampledFrom([]Op{Count, TopologyOp}).Draw(t, "op2"))
		}
		var reqs []RequestID
		for _, op := range ops {
			req, err := c.Start(op)
			if err != nil {
				t.Fatal(err)
			}
			reqs = append(reqs, req)
		}
		for net.Len() > 0 {
			i := rapid.IntRange(0, net.Len()-1).Draw(t, "pick")
			if err := net.Deliver(i); err != nil {
				t.Fatal(err)
			}
		}
		for _, req := range reqs {
			res, err := c.Wait(req)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, tr, res)
		}
		if got, want := c.Messages(), int64(len(ops)*2*(n-1)); got != want {
			t.Fatalf("%d messages, want %d", got, want)
		}
		if m := idle(c); m >= 0 {
			t.Fatalf("machine %d still holds an entry", m)
		}
	})
}

func TestConcurrentRequestsSimulated(t *testing.T) {
	tr := Random(500, 5)
	for _, order := range Orders {
		net := NewSimNetwork(order, 3)
		c := NewCluster(tr, net)
		var reqs []RequestID
		for k := range 10 {
			op := Count
			if k%3 == 0 {
				op = TopologyOp
			}
			req, _ := c.Start(op)
			if slices.Contains(reqs, req) {
				t.Fatalf("request id %d handed out twice", req)
			}
			reqs = append(reqs, req)
			// Let the requests overlap: deliver a few messages between
			// starts.
			for range 50 {
				net.Step()
			}
		}
		// Wait in the reverse order.
		for _, req := range slices.Backward(reqs) {
			res, err := c.Wait(req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Req != req {
				t.Errorf("answer to %d carries request id %d", req, res.Req)
			}
			checkResult(t, tr, res)
		}
		if got, want := c.Messages(), int64(10*2*(tr.Len()-1)); got != want {
			t.Errorf("%v: %d messages, want %d", order, got, want)
		}
		if m := idle(c); m >= 0 {
			t.Errorf("%v: machine %d still holds an entry", order, m)
		}
		if _, err := c.Wait(reqs[0]); err == nil {
			t.Error("waiting twice for a request succeeded")
		}
	}
}

// TestDuplicatedMessages copies in-flight messages at random: requests
// and responses may arrive twice, and the answer must not change.
func TestDuplicatedMessages(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "n")
		tr, err := FromParents(randomParents(t, n))
		if err != nil {
			t.Fatal(err)
		}
		net := NewSimNetwork(FIFO, 0)
		c := NewCluster(tr, net)
		op := rapid.SampledFrom([]Op{Count, TopologyOp}).Draw(t, "op")
		req, _ := c.Start(op)
		dups := 0
		for net.Len() > 0 {
			if dups < 20 && rapid.Bool().Draw(t, "dup") {
				in := net.InFlight()
				net.Send(in[rapid.IntRange(0, len(in)-1).Draw(t, "which")])
				dups++
			}
			if err := net.Deliver(rapid.IntRange(0, net.Len()-1).Draw(t, "pick")); err != nil {
				t.Fatal(err)
			}
		}
		res, err := c.Wait(req)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, tr, res)
		if m := idle(c); m >= 0 {
			t.Fatalf("machine %d still holds an entry", m)
		}
	})
}

func TestDuplicateResponseNotCountedTwice(t *testing.T) {
	tr := mustParse(t, "1(2,3)")
	net := NewSimNetwork(FIFO, 0)
	var steps []Step
	c := observed(tr, net, func(e Event) { steps = append(steps, e.Step) })
	req, _ := c.Start(Count)
	net.Step() // client -> 1; 1 forwards to 2 and 3
	net.Step() // 1 -> 2; 2 answers 1
	in := net.InFlight()
	if len(in) != 2 || in[1].Kind != Response || in[1].From != 2 {
		t.Fatalf("in flight: %v", in)
	}
	net.Send(in[1]) // 2's answer, twice
	res, err := c.Wait(req)
	if err != nil || res.Count != 3 {
		t.Fatalf("count = %d, %v; want 3", res.Count, err)
	}
	if !slices.Contains(steps, "duplicate") && !slices.Contains(steps, "no-entry") {
		t.Errorf("the duplicate was not reported as dropped: %v", steps)
	}
	// The same duplicate before the last answer must hit the duplicate
	// check itself.
	net2 := NewSimNetwork(FIFO, 0)
	steps = nil
	c2 := observed(tr, net2, func(e Event) { steps = append(steps, e.Step) })
	req, _ = c2.Start(Count)
	net2.Step()
	net2.Step()
	in = net2.InFlight()
	net2.Send(in[1])
	net2.Deliver(1) // 2's answer
	net2.Deliver(1) // its copy
	if !slices.Contains(steps, "duplicate") {
		t.Errorf("steps %v: no duplicate step", steps)
	}
	res, err = c2.Wait(req)
	if err != nil || res.Count != 3 {
		t.Fatalf("count = %d, %v; want 3", res.Count, err)
	}
}

func TestStrangeMessagesDropped(t *testing.T) {
	tr := mustParse(t, "1(2,3)")
	net := NewSimNetwork(FIFO, 0)
	var steps []Step
	c := observed(tr, net, func(e Event) { steps = append(steps, e.Step) })
	req, _ := c.Start(Count)
	net.Step()
	// A response from a machine that is not a child, one to a machine
	// that does not exist, and one for a request nobody has.
	net.Send(Message{Kind: Response, Req: req, Op: Count, From: 3, To: 2, Count: 50})
	net.Send(Message{Kind: Response, Req: req, Op: Count, From: 2, To: 99, Count: 50})
	net.Send(Message{Kind: Response, Req: 77, Op: Count, From: 2, To: 1, Count: 50})
	net.Send(Message{Kind: Response, Req: req, Op: Count, From: 1, To: 1, Count: 50})
	res, err := c.Wait(req)
	if err != nil || res.Count != 3 {
		t.Fatalf("count = %d, %v; want 3", res.Count, err)
	}
	if !slices.Contains(steps, StepNoEntry) {
		t.Errorf("no %q step in %v", StepNoEntry, steps)
	}
	// The answer from 1 to itself is from no child: no network sends such
	// a message, and it is dropped without a step.
	if slices.Contains(steps, "not-child") {
		t.Errorf("a forged answer is reported as a step: %v", steps)
	}
}

func TestLostMessageStalls(t *testing.T) {
	tr := mustParse(t, "1(2(4),3)")
	net := NewSimNetwork(FIFO, 0)
	c := NewCluster(tr, net)
	req, _ := c.Start(Count)
	net.Step()
	if _, err := net.Drop(0); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Wait(req); !errors.Is(err, ErrStalled) {
		t.Fatalf("Wait after a lost message = %v, want ErrStalled", err)
	}
	if _, err := net.Drop(5); err == nil {
		t.Error("dropping a message that is not in flight succeeded")
	}
}

func TestSimNetworkDeliverErrors(t *testing.T) {
	net := NewSimNetwork(FIFO, 0)
	if err := net.Deliver(0); err == nil || !strings.Contains(err.Error(), "nothing is in flight") {
		t.Errorf("Deliver(0) on an empty network = %v", err)
	}
	c := NewCluster(mustParse(t, "1(2)"), net)
	c.Start(Count)
	if err := net.Deliver(3); err == nil || !strings.Contains(err.Error(), "message 3: 1 in flight (0 to 0)") {
		t.Errorf("Deliver(3) = %v", err)
	}
	if _, err := c.Start(Op(9)); err == nil {
		t.Error("Start accepted an unknown op")
	}
	if _, err := ParseOrder("sideways"); err == nil || !strings.Contains(err.Error(), `"sideways"`) {
		t.Errorf("ParseOrder: %v", err)
	}
	if _, err := ParseOp("sum"); err == nil || !strings.Contains(err.Error(), `"sum"`) {
		t.Errorf("ParseOp: %v", err)
	}
}

func TestOrdersDiffer(t *testing.T) {
	// Different orders deliver differently yet agree on the answer.
	tr := Random(200, 4)
	seqs := map[Order]string{}
	for _, order := range Orders {
		net := NewSimNetwork(order, 8)
		var b strings.Builder
		c := observed(tr, net, func(e Event) {
			if e.Kind == EventDeliver {
				fmt.Fprintf(&b, "%d,", e.Machine)
			}
		})
		n, err := c.Count()
		if err != nil || n != 200 {
			t.Fatalf("%v: %d, %v", order, n, err)
		}
		seqs[order] = b.String()
	}
	if seqs[FIFO] == seqs[LIFO] || seqs[FIFO] == seqs[RandomOrder] || seqs[LIFO] == seqs[RandomOrder] {
		t.Error("two orders delivered the same sequence")
	}
}

func TestRoundsAreTwiceTheHeight(t *testing.T) {
	for _, tr := range []*Tree{mustParse(t, "1"), mustParse(t, "1(2(4),3)"), chain(t, 50), star(t, 50), Random(300, 2)} {
		net := NewSimNetwork(FIFO, 0)
		c := NewCluster(tr, net)
		req, _ := c.Start(Count)
		rounds := 0
		for net.Len() > 0 {
			net.Round()
			rounds++
		}
		if _, err := c.Wait(req); err != nil {
			t.Fatal(err)
		}
		// The client's own message takes one round.
		if want := 2*tr.Height() + 1; rounds != want {
			t.Errorf("%d machines, height %d: %d rounds, want %d", tr.Len(), tr.Height(), rounds, want)
		}
	}
}

func TestObserverEvents(t *testing.T) {
	tr := mustParse(t, "1(2(4),3)")
	var evs []Event
	c := observed(tr, NewSimNetwork(FIFO, 0), func(e Event) { evs = append(evs, e) })
	if n, err := c.Count(); err != nil || n != 4 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	var steps []Step
	for _, e := range evs {
		steps = append(steps, e.Step)
		if e.Explain == "" || strings.Contains(e.Explain, "\n") {
			t.Errorf("%s: explanation %q", e.Step, e.Explain)
		}
	}
	want := []Step{
		"setup", "start", "deliver", "create-entry", "forward", "forward",
		"deliver", "create-entry", "forward", // 2
		"deliver", "reply", // 3 is a leaf
		"deliver", "reply", // 4 is a leaf
		"deliver", "merge-count", // 1 gets 3's answer
		"deliver", "merge-count", "reply", // 2 gets 4's answer and answers
		"deliver", "merge-count", "final", // 1 gets 2's answer
	}
	if !slices.Equal(steps, want) {
		t.Fatalf("steps\n got %v\nwant %v", steps, want)
	}
	last := evs[len(evs)-1]
	if last.Kind != EventFinal || last.Result.Count != 4 || last.Sent != 6 || last.Machine != 1 {
		t.Errorf("final event %+v", last)
	}
	if !strings.Contains(last.Explain, "4 machines") {
		t.Errorf("final explanation %q", last.Explain)
	}
	// 2 merged 4's answer: pending 0, count 1.
	for _, e := range evs {
		if e.Step == "merge-count" && e.Machine == 2 {
			if e.State.Pending != 0 || e.State.Count != 1 || !e.State.Active || e.State.ReplyTo != 1 {
				t.Errorf("2 after merging: %+v", e.State)
			}
		}
		if e.Step == "create-entry" && e.Machine == 1 && (e.State.Pending != 2 || e.State.ReplyTo != Client) {
			t.Errorf("1's new entry: %+v", e.State)
		}
	}
}

func TestObserverTopologyPartial(t *testing.T) {
	tr := mustParse(t, "1(2(4),3)")
	var partials []string
	c := observed(tr, NewSimNetwork(FIFO, 0), func(e Event) {
		if e.Step == "merge" && e.Machine == 1 {
			partials = append(partials, e.State.Partial.String())
		}
	})
	top, err := c.Topology()
	if err != nil || top.String() != "{1: {2: {4: {}}, 3: {}}}" {
		t.Fatalf("Topology = %v, %v", top, err)
	}
	// The first snapshot must not see the second answer.
	if want := []string{"{3: {}}", "{2: {4: {}}, 3: {}}"}; !slices.Equal(partials, want) {
		t.Errorf("root's partials %v, want %v", partials, want)
	}
}

// TestStepMarkers checks that every step the handler reports is marked on
// exactly one line of handler.go.
func TestStepMarkers(t *testing.T) {
	src, err := os.ReadFile("handler.go")
	if err != nil {
		t.Fatal(err)
	}
	marks := map[Step]int{}
	for line := range strings.SplitSeq(string(src), "\n") {
		if _, after, ok := strings.Cut(line, "// step: "); ok {
			marks[Step(strings.TrimSpace(after))]++
		}
	}
	for id, n := range marks {
		if n != 1 {
			t.Errorf("step %q is marked %d times", id, n)
		}
	}
	// Every step is reached by some network behaviour: each delivery of a
	// run in turn delivered twice.
	seen := map[Step]bool{}
	obs := func(e Event) { seen[e.Step] = true }
	for _, desc := range []string{"1(2(4),3)", "1"} {
		tr := mustParse(t, desc)
		for _, op := range []Op{Count, TopologyOp} {
			for k := int64(0); k <= int64(2*tr.Len()-1); k++ {
				net := NewSimNetwork(FIFO, 0)
				if k > 0 {
					net.DeliverTwice(k)
				}
				c := observed(tr, net, obs)
				req, _ := c.Start(op)
				res, err := c.Wait(req)
				if err != nil {
					t.Fatal(err)
				}
				checkResult(t, tr, res)
				net.Run() // the copies still in flight
			}
		}
	}
	for id := range seen {
		if marks[id] != 1 {
			t.Errorf("step %q is reported but not marked", id)
		}
	}
	for id := range marks {
		if !seen[id] {
			t.Errorf("step %q is marked but never reported", id)
		}
	}
}

// TestNoAllocationsPerMessage checks that without an observer a count does a
// fixed number of allocations, whatever the size of the tree: the observer
// costs nothing when nil, and the entries are reused.
func TestNoAllocationsPerMessage(t *testing.T) {
	tr := Random(5000, 3)
	c := NewCluster(tr, NewSimNetwork(FIFO, 0))
	c.Count() // warm up: entries and the queue grow once
	allocs := testing.AllocsPerRun(5, func() {
		if n, err := c.Count(); err != nil || n != 5000 {
			t.Fatalf("Count = %d, %v", n, err)
		}
	})
	if allocs > 10 {
		t.Errorf("%v allocations per count of 5000 machines, want a handful", allocs)
	}
}

// TestDeliverTwice delivers one delivery of a run twice, in an order rapid
// picks: the answer is the same, the copy is dropped by exactly one step
// (a second request by the entry that is waiting for it, a second answer
// by the parent, a second final answer by the root), and only a copy of a
// request to a leaf that is not the root costs a message, the leaf's
// second answer.
func TestDeliverTwice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "n")
		tr, err := FromParents(randomParents(t, n))
		if err != nil {
			t.Fatal(err)
		}
		k := rapid.Int64Range(1, int64(2*n-1)).Draw(t, "twice")
		net := NewSimNetwork(rapid.SampledFrom(Orders).Draw(t, "order"), rapid.Uint64().Draw(t, "seed"))
		if err := net.DeliverTwice(k); err != nil {
			t.Fatal(err)
		}
		var drops []Step
		var doubled Message
		c := observed(tr, net, func(e Event) {
			if e.Kind == EventIgnore {
				drops = append(drops, e.Step)
			}
			if e.Kind == EventDeliver && net.Delivered() == k {
				doubled = e.Msg
			}
		})
		req, _ := c.Start(rapid.SampledFrom([]Op{Count, TopologyOp}).Draw(t, "op"))
		res, err := c.Wait(req)
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, tr, res)
		net.Run()
		if len(drops) != 1 {
			t.Fatalf("delivery %d of %v twice: dropped by %v, want one step", k, doubled, drops)
		}
		want := int64(2 * (n - 1))
		if doubled.Kind == Request && doubled.From != Client && len(tr.Children(doubled.To)) == 0 {
			want++
		}
		if got := c.Messages(); got != want {
			t.Fatalf("delivery %d of %v twice: %d messages, want %d", k, doubled, got, want)
		}
		if m := idle(c); m >= 0 {
			t.Fatalf("machine %d still holds an entry", m)
		}
	})
}

func TestDeliverTwiceErrors(t *testing.T) {
	net := NewSimNetwork(FIFO, 0)
	if err := net.DeliverTwice(0); err == nil {
		t.Error("DeliverTwice(0) succeeded")
	}
	c := NewCluster(mustParse(t, "1(2)"), net)
	c.Count()
	if err := net.DeliverTwice(net.Delivered()); err == nil || !strings.Contains(err.Error(), "3 deliveries have happened") {
		t.Errorf("DeliverTwice of a past delivery: %v", err)
	}
	if err := net.DeliverTwice(net.Delivered() + 1); err != nil {
		t.Errorf("DeliverTwice of the next delivery: %v", err)
	}
}
