package machinetree

import (
	"errors"
	"fmt"
	"strconv"
)

// Op is the question a request asks.
type Op uint8

const (
	// Count asks how many machines the tree has.
	Count Op = iota + 1
	// TopologyOp asks for the whole tree as nested maps.
	TopologyOp
)

// String returns "count" or "topology".
func (o Op) String() string {
	switch o {
	case Count:
		return "count"
	case TopologyOp:
		return "topology"
	}
	return "op(" + strconv.Itoa(int(o)) + ")"
}

// ParseOp returns the Op named s: "count" or "topology".
func ParseOp(s string) (Op, error) {
	switch s {
	case "count":
		return Count, nil
	case "topology":
		return TopologyOp, nil
	}
	return 0, fmt.Errorf("unknown operation %q: want count or topology", s)
}

// Kind says which way a message goes.
type Kind uint8

const (
	// Request goes down, from a parent (or the Client) to a child.
	Request Kind = iota + 1
	// Response goes up, from a child to its parent, with the child's answer.
	Response
)

// String returns "request" or "response".
func (k Kind) String() string {
	switch k {
	case Request:
		return "request"
	case Response:
		return "response"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// RequestID names one request. Ids are fresh per Cluster, starting at 1; the
// zero RequestID names no request.
type RequestID uint64

// Client is the id of the caller outside the tree, who sends the root its
// requests and receives its final answers. Messages from or to Client are not
// counted among the machines' messages.
const Client = -1

// Message is what one machine sends another. A request carries its id and
// operation down; a response carries the same id and operation up with the
// sender's answer: Count for count, Topology (one key, the sender's id) for
// topology.
type Message struct {
	Kind     Kind
	Req      RequestID
	Op       Op
	From, To int
	Count    int
	Topology Topology
}

// Payload returns the part of m a picture shows on its edge: the operation
// for a request ("count"), the answer for a response ("3" or "{4: {}}").
func (m Message) Payload() string {
	if m.Kind == Request {
		return m.Op.String()
	}
	if m.Op == TopologyOp {
		return m.Topology.String()
	}
	return strconv.Itoa(m.Count)
}

// String describes m on one line, e.g. "1->2 request#1 count" or
// "4->2 response#1 count=1".
func (m Message) String() string {
	s := who(m.From) + "->" + who(m.To) + " " + m.Kind.String() + "#" + strconv.FormatUint(uint64(m.Req), 10) + " " + m.Op.String()
	if m.Kind == Response {
		s += "=" + m.Payload()
	}
	return s
}

func who(id int) string {
	if id == Client {
		return "client"
	}
	return strconv.Itoa(id)
}

// Result is the root's final answer to one request.
type Result struct {
	Req      RequestID
	Op       Op
	Count    int      // for Count: the number of machines
	Topology Topology // for TopologyOp: the whole tree
}

// String returns "count 4" for a count and the nested map, such as
// {1: {2: {4: {}}, 3: {}}}, for a topology.
func (r Result) String() string {
	if r.Op == TopologyOp {
		return r.Topology.String()
	}
	return "count " + strconv.Itoa(r.Count)
}

// ErrStalled is returned by a Network's Wait when nothing is left in flight
// but the awaited request has no answer: a message was lost.
var ErrStalled = errors.New("no message in flight and no answer: a message was lost")

// Handler handles one delivered message. A Cluster is the Handler of its
// machines.
type Handler interface {
	Handle(m Message)
}

// Network carries messages between the machines of a Cluster.
type Network interface {
	// Attach sets the handler that delivered messages go to. NewCluster
	// calls it once, before any Send.
	Attach(h Handler)
	// Send hands m to the network for later delivery to machine m.To. It
	// never waits for m to be handled.
	Send(m Message)
	// Wait returns nil once done is closed, delivering messages meanwhile
	// if the network needs its caller to. It returns ErrStalled when no
	// message is left in flight and done is still open.
	Wait(done <-chan struct{}) error
}

// EventKind is the kind of step an Event reports.
type EventKind uint8

const (
	// EventSend: a machine (or the Client) sent a request; the request is
	// already in flight.
	EventSend EventKind = iota + 1
	// EventDeliver: a message reached its machine.
	EventDeliver
	// EventPending: a machine created its entry for a request, or took in
	// a child's answer, and its pending counter changed.
	EventPending
	// EventReply: a machine sent its answer to its parent; the answer is
	// already in flight.
	EventReply
	// EventFinal: the root had every answer and gave the Client the result.
	EventFinal
	// EventIgnore: a machine dropped a message that must not count, such as
	// a duplicated response.
	EventIgnore
	// EventSetup: the Client has drawn a fresh request id and is about to
	// send the request to the root; nothing of it is in flight yet.
	EventSetup
)

var eventNames = [...]string{"", "send", "deliver", "pending", "reply", "final", "ignore", "setup"}

// String returns the kind's name, such as "send".
func (k EventKind) String() string {
	if int(k) < len(eventNames) && k > 0 {
		return eventNames[k]
	}
	return "event(" + strconv.Itoa(int(k)) + ")"
}

// Step is the stable id of a step an observer sees: the line of handler.go
// that performs it carries the comment "// step: <id>", and tutor's source
// pane highlights it.
type Step string

// The steps, in the order one request takes them. The four drop steps
// (StepIgnoreRequest, StepNoEntry, StepDuplicate, StepFinalAgain) happen
// only on a network that delivers a message twice.
const (
	// StepSetup: the Client registers a request under a fresh id, before
	// sending it (EventSetup).
	StepSetup Step = "setup"
	// StepStart: the Client has sent the request to the root (EventSend).
	StepStart Step = "start"
	// StepDeliver: a message reaches its machine (EventDeliver).
	StepDeliver Step = "deliver"
	// StepIgnoreRequest: a machine that still waits for its children
	// receives a copy of the request and drops it (EventIgnore).
	StepIgnoreRequest Step = "ignore-request"
	// StepCreateEntry: a machine with children stores its entry for a
	// request (EventPending).
	StepCreateEntry Step = "create-entry"
	// StepForward: a machine has sent the request on to one child
	// (EventSend).
	StepForward Step = "forward"
	// StepNoEntry: an answer reaches a machine that holds no entry for its
	// request, because it already answered, and is dropped (EventIgnore).
	StepNoEntry Step = "no-entry"
	// StepDuplicate: a second copy of a child's answer is dropped
	// (EventIgnore).
	StepDuplicate Step = "duplicate"
	// StepMerge: a machine adds a child's map to its topology
	// (EventPending).
	StepMerge Step = "merge"
	// StepMergeCount: a machine adds a child's count to its sum
	// (EventPending).
	StepMergeCount Step = "merge-count"
	// StepReply: a machine has sent its answer to its parent (EventReply).
	StepReply Step = "reply"
	// StepFinal: the root gives the Client the answer (EventFinal).
	StepFinal Step = "final"
	// StepFinalAgain: the root finishes a request the Client already has
	// the answer to, after a copy of the request, and the second answer is
	// dropped (EventIgnore).
	StepFinalAgain Step = "final-again"
)

// NodeState is one machine's state for one request, as an Event reports it.
type NodeState struct {
	// Active reports whether the machine holds an entry for the request.
	// It is false before the entry is created and after it is dropped.
	Active bool
	// Children is the machine's number of children.
	Children int
	// Pending is how many children have not answered yet.
	Pending int
	// ReplyTo is where the machine's answer goes: its parent, or Client
	// for the root.
	ReplyTo int
	// Count is the sum of the children's counts received so far.
	Count int
	// Partial holds the children's topologies received so far, one key per
	// child: a copy of the machine's map at the time of the event.
	Partial Topology
}

// Event is one step of the message handler, reported to a Cluster's
// Observe function.
type Event struct {
	Kind EventKind
	// Step is the stable id of the step; the line of handler.go that
	// performs it carries the comment "// step: <Step>".
	Step Step
	// Machine is the machine where the step ran: Client for the Client's
	// request to the root, the root for EventSetup.
	Machine int
	// Msg is the message sent, delivered, ignored or answered; for
	// EventSetup, the request about to be sent.
	Msg Message
	// State is Machine's state for Msg.Req after the step.
	State NodeState
	// Result is the final answer, for EventFinal only.
	Result Result
	// Sent is how many messages the machines had sent, all requests
	// together, after the step.
	Sent int64
	// Explain is one sentence with the actual values, for a learner.
	Explain string
}
