package machinetree

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
)

// Cluster is the machines of one Tree, each running the message handler,
// connected by a Network. Requests are started with Start (or Count and
// Topology, which also wait) and answered by the root.
//
// Each machine keeps, per request under way, one entry: whom to answer, a
// pending counter of children yet to answer, the partial result, and which
// children answered (so a duplicated response is not counted twice). The
// entry is created when the request arrives and dropped when the machine
// answers. Several requests can be under way at once.
//
// The zero Cluster is not usable: make one with NewCluster.
//
// A Cluster is safe for concurrent use when its Network is; the state of a
// machine is touched only by the deliveries to that machine, which a Network
// must not run concurrently for the same machine.
type Cluster struct {
	// Observe, when not nil, is called for every step of the handler, in
	// the style of net/http/httptrace: when nil the cost is a nil check
	// per step. A send or a reply is reported once the message is queued
	// on the Network, so an observer that looks at a SimNetwork sees the
	// message in flight. On a SimNetwork the calls come in order on the
	// goroutine that drives it; on a ConcurrentNetwork they come from many
	// goroutines at once (the receiver's steps may come before the send
	// that fed them), and Observe must be safe for that. Set it before the
	// first Start.
	Observe func(Event)

	tree  *Tree
	net   Network
	nodes []node
	next  atomic.Uint64 // last request id handed out
	sent  atomic.Int64  // messages sent by machines

	mu    sync.Mutex
	calls map[RequestID]*call
}

// node is one machine's state: an entry per request under way. The first
// lives inline, so a machine with one request under way touches no other
// memory.
type node struct {
	one  entry   // free when one.req is 0
	more []entry // further requests under way at once
}

// entry is one machine's state for one request.
type entry struct {
	req     RequestID
	op      Op
	replyTo int      // the sender of the request: the parent, or Client
	pending int      // children that have not answered
	count   int      // sum of the children's counts so far
	topo    Topology // the children's topologies so far
	small   uint64   // answered children, when there are at most 64
	big     []uint64 // answered children, when there are more
}

// call is the Client's side of one request.
type call struct {
	done     chan struct{}
	res      Result
	finished bool
}

func (n *node) find(req RequestID) *entry {
	if req == 0 {
		return nil
	}
	if n.one.req == req {
		return &n.one
	}
	for j := range n.more {
		if n.more[j].req == req {
			return &n.more[j]
		}
	}
	return nil
}

// add stores e and returns where it is, valid until the next add.
func (n *node) add(e entry) *entry {
	if n.one.req == 0 {
		n.one = e
		return &n.one
	}
	n.more = append(n.more, e)
	return &n.more[len(n.more)-1]
}

// remove drops the entry for req. The slot is cleared so the entry's maps
// can be collected.
func (n *node) remove(req RequestID) {
	if n.one.req == req {
		n.one = entry{}
		return
	}
	last := len(n.more) - 1
	for j := range n.more {
		if n.more[j].req == req {
			n.more[j] = n.more[last]
			n.more[last] = entry{}
			n.more = n.more[:last]
			return
		}
	}
}

// answered reports whether the child at position pos has answered, and
// marks it answered.
func (e *entry) answered(pos int32) bool {
	if e.big == nil {
		bit := uint64(1) << pos
		seen := e.small&bit != 0
		e.small |= bit
		return seen
	}
	w, bit := pos/64, uint64(1)<<(pos%64)
	seen := e.big[w]&bit != 0
	e.big[w] |= bit
	return seen
}

// NewCluster returns the machines of t on net, with no observer, and
// attaches the cluster to net as its Handler. Cost O(n).
func NewCluster(t *Tree, net Network) *Cluster {
	c := &Cluster{tree: t, net: net, calls: make(map[RequestID]*call)}
	c.nodes = make([]node, t.Len())
	net.Attach(c)
	return c
}

// Tree returns the tree the cluster runs on.
func (c *Cluster) Tree() *Tree { return c.tree }

// Messages returns how many messages the machines have sent since the
// cluster was made, all requests together. The Client's requests to the
// root are not counted: one request on n machines adds exactly 2(n-1).
func (c *Cluster) Messages() int64 { return c.sent.Load() }

// Start asks the root a question under a fresh request id and returns the
// id without waiting. Wait gives the answer.
func (c *Cluster) Start(op Op) (RequestID, error) {
	if op != Count && op != TopologyOp {
		return 0, fmt.Errorf("unknown operation %v: want count or topology", op)
	}
	req := RequestID(c.next.Add(1))
	k := &call{done: make(chan struct{})}
	c.mu.Lock()
	c.calls[req] = k // step: setup
	c.mu.Unlock()
	m := Message{Kind: Request, Req: req, Op: op, From: Client, To: c.tree.Root()}
	if c.Observe != nil {
		c.observe(EventSetup, StepSetup, c.tree.root, m, nil, fmt.Sprintf("%d machines in the tree %s, height %d; each knows only its parent and children, and the client is about to ask root %d for the %s", c.tree.Len(), c.tree, c.tree.Height(), m.To, op))
	}
	c.net.Send(m) // step: start
	if c.Observe != nil {
		c.observe(EventSend, StepStart, -1, m, nil, fmt.Sprintf("the client asks root %d for the %s under the fresh request id %d; the root will treat it like a request from a parent", m.To, op, req))
	}
	return req, nil
}

// Wait returns the answer to request req, driving the network if it needs
// its caller to. It returns ErrStalled if a message was lost, and an error
// for a request id that was not started or was already waited for.
func (c *Cluster) Wait(req RequestID) (Result, error) {
	c.mu.Lock()
	k := c.calls[req]
	c.mu.Unlock()
	if k == nil {
		return Result{}, fmt.Errorf("request %d was not started or was already answered", req)
	}
	if err := c.net.Wait(k.done); err != nil {
		return Result{}, fmt.Errorf("request %d: %w", req, err)
	}
	c.mu.Lock()
	delete(c.calls, req)
	c.mu.Unlock()
	return k.res, nil
}

// Count asks the root how many machines there are and waits for the answer.
func (c *Cluster) Count() (int, error) {
	req, err := c.Start(Count)
	if err != nil {
		return 0, err
	}
	r, err := c.Wait(req)
	return r.Count, err
}

// Topology asks the root for the whole tree and waits for the answer.
func (c *Cluster) Topology() (Topology, error) {
	req, err := c.Start(TopologyOp)
	if err != nil {
		return nil, err
	}
	r, err := c.Wait(req)
	return r.Topology, err
}

// Handle is the message handler of machine m.To; a Network calls it once
// per delivered message. A request makes the machine forward it to each
// child and wait, or answer at once if it is a leaf. A response is added to
// the partial result, and when it was the last child's, the machine answers
// its own requester and drops its entry. A duplicated request or response
// and a response to a request the machine has no entry for are dropped, as
// steps an observer sees; a message for an unknown machine and a response
// from a machine that is not a child (which no network produces: a machine
// answers only its parent) are dropped unobserved.
func (c *Cluster) Handle(m Message) {
	i, ok := c.tree.lookup(m.To)
	if !ok {
		return
	}
	n := &c.nodes[i]
	if c.Observe != nil {
		c.observe(EventDeliver, StepDeliver, i, m, n.find(m.Req), fmt.Sprintf("machine %d receives %s", m.To, describe(m)))
	}
	switch m.Kind { // step: deliver
	case Request:
		c.request(i, n, m)
	case Response:
		c.response(i, n, m)
	}
}

func describe(m Message) string {
	if m.Kind == Request {
		return fmt.Sprintf("the %s request %d from %s", m.Op, m.Req, who(m.From))
	}
	return fmt.Sprintf("the %s answer %s for request %d from child %d", m.Op, m.Payload(), m.Req, m.From)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// request handles a request arriving at machine i.
func (c *Cluster) request(i int32, n *node, m Message) {
	me := c.tree.ids[i]
	if e := n.find(m.Req); e != nil {
		if c.Observe != nil {
			c.observe(EventIgnore, StepIgnoreRequest, i, m, e, fmt.Sprintf("machine %d already has an entry for request %d, so this copy is a duplicate and is dropped: forwarding it again would double the messages", me, m.Req))
		}
		return // step: ignore-request
	}
	lo, hi := c.tree.kids(i)
	kids := int(hi - lo)
	if kids == 0 {
		// A leaf answers at once: it needs no entry.
		c.reply(i, m.Req, m.Op, m.From, 0, nil, true)
		return
	}
	e := entry{req: m.Req, op: m.Op, replyTo: m.From, pending: kids}
	if m.Op == TopologyOp {
		e.topo = make(Topology, kids)
	}
	if kids > 64 {
		e.big = make([]uint64, (kids+63)/64)
	}
	ep := n.add(e) // step: create-entry
	if c.Observe != nil {
		c.observe(EventPending, StepCreateEntry, i, m, ep, fmt.Sprintf("machine %d has %s, so it stores an entry for request %d with pending %d and an empty result, remembering to answer %s", me, plural(kids, "child", "children"), m.Req, kids, who(m.From)))
	}
	for k := lo; k < hi; k++ {
		out := Message{Kind: Request, Req: m.Req, Op: m.Op, From: me, To: c.tree.ids[k]}
		c.sent.Add(1)
		c.net.Send(out) // step: forward
		if c.Observe != nil {
			c.observe(EventSend, StepForward, i, out, ep, fmt.Sprintf("machine %d forwards %s request %d to child %d (%d of %d)", me, m.Op, m.Req, out.To, k-lo+1, kids))
		}
	}
}

// response handles a child's answer arriving at machine i.
func (c *Cluster) response(i int32, n *node, m Message) {
	me := c.tree.ids[i]
	e := n.find(m.Req)
	if e == nil {
		if c.Observe != nil {
			c.observe(EventIgnore, StepNoEntry, i, m, nil, fmt.Sprintf("machine %d has no entry for request %d (it already answered, or never got the request), so it drops this answer from %d", me, m.Req, m.From))
		}
		return // step: no-entry
	}
	j, ok := c.tree.lookup(m.From)
	if !ok || c.tree.parent[j] != i {
		// No network sends this: a machine answers only the sender of its
		// request, its parent. A forged message is dropped unobserved.
		return
	}
	if e.answered(j - c.tree.first[i]) { // step: duplicate
		if c.Observe != nil {
			c.observe(EventIgnore, StepDuplicate, i, m, e, fmt.Sprintf("machine %d already counted child %d's answer to request %d, so it drops this duplicate: counting it again would spoil the result", me, m.From, m.Req))
		}
		return
	}
	if e.op == TopologyOp {
		e.topo[m.From] = m.Topology[m.From] // step: merge
	} else {
		e.count += m.Count // step: merge-count
	}
	e.pending--
	if c.Observe != nil {
		step, got := StepMergeCount, fmt.Sprintf("count %d, sum so far %d", m.Count, e.count)
		if e.op == TopologyOp {
			step, got = StepMerge, fmt.Sprintf("map %s under key %d", m.Topology.String(), m.From)
		}
		c.observe(EventPending, step, i, m, e, fmt.Sprintf("machine %d adds child %d's %s, and its pending counter for request %d drops to %d", me, m.From, got, m.Req, e.pending))
	}
	if e.pending > 0 {
		return
	}
	done := *e
	n.remove(m.Req)
	c.reply(i, done.req, done.op, done.replyTo, done.count, done.topo, false)
}

// reply sends machine i's answer to replyTo, or gives it to the Client when
// i is the root. count and partial are the children's sum and maps.
func (c *Cluster) reply(i int32, req RequestID, op Op, replyTo, count int, partial Topology, leaf bool) {
	me := c.tree.ids[i]
	out := Message{Kind: Response, Req: req, Op: op, From: me, To: replyTo}
	if op == TopologyOp {
		out.Topology = Topology{me: partial}
	} else {
		out.Count = count + 1
	}
	if replyTo == Client {
		c.finish(i, out)
		return
	}
	c.sent.Add(1)
	c.net.Send(out) // step: reply
	if c.Observe != nil {
		var why string
		switch {
		case leaf && op == TopologyOp:
			why = fmt.Sprintf("machine %d has no children, so it answers parent %d at once with %s, its id over an empty map", me, replyTo, out.Payload())
		case leaf:
			why = fmt.Sprintf("machine %d has no children, so it answers parent %d at once with count 1, itself", me, replyTo)
		case op == TopologyOp:
			why = fmt.Sprintf("machine %d's last child answered, so it sends %s, its id over its children's maps, to parent %d and drops its entry for request %d", me, out.Payload(), replyTo, req)
		default:
			why = fmt.Sprintf("machine %d's last child answered, so it sends %d+1 = %d to parent %d and drops its entry for request %d", me, count, out.Count, replyTo, req)
		}
		c.observe(EventReply, StepReply, i, out, nil, why)
	}
}

// finish gives the root's answer to the Client. The observer hears of it
// before the Client does.
func (c *Cluster) finish(i int32, out Message) {
	res := Result{Req: out.Req, Op: out.Op, Count: out.Count, Topology: out.Topology}
	c.mu.Lock()
	k := c.calls[out.Req]
	first := k != nil && !k.finished
	if first {
		k.res, k.finished = res, true
	}
	c.mu.Unlock()
	if !first {
		if c.Observe != nil {
			c.observe(EventIgnore, StepFinalAgain, i, out, nil, fmt.Sprintf("root %d finished request %d again after a duplicated request; the client already has its answer, so this one is dropped", out.From, out.Req))
		}
		return // step: final-again
	}
	if c.Observe != nil {
		why := fmt.Sprintf("root %d has every answer: the tree has %d machines (the children's sum plus one), the answer to request %d", out.From, out.Count, out.Req)
		if out.Op == TopologyOp {
			why = fmt.Sprintf("root %d has every answer: the tree is %s, the answer to request %d", out.From, res.Topology, out.Req)
		}
		ev := c.event(EventFinal, StepFinal, i, out, nil, why)
		ev.Result = res
		c.Observe(ev)
	}
	close(k.done) // step: final
}

// observe reports one step; the caller has checked that c.Observe is set.
func (c *Cluster) observe(kind EventKind, step Step, i int32, m Message, e *entry, explain string) {
	c.Observe(c.event(kind, step, i, m, e, explain))
}

// event is the Event of one step at machine index i (-1 for the Client),
// with e the machine's entry for the request, or nil.
func (c *Cluster) event(kind EventKind, step Step, i int32, m Message, e *entry, explain string) Event {
	ev := Event{Kind: kind, Step: step, Machine: Client, Msg: m, Sent: c.sent.Load(), Explain: explain}
	if i >= 0 {
		ev.Machine = c.tree.ids[i]
		lo, hi := c.tree.kids(i)
		ev.State.Children = int(hi - lo)
	}
	if e != nil {
		ev.State.Active = true
		ev.State.Pending = e.pending
		ev.State.ReplyTo = e.replyTo
		ev.State.Count = e.count
		ev.State.Partial = maps.Clone(e.topo)
	}
	return ev
}
