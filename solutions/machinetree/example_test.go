package machinetree_test

import (
	"errors"
	"fmt"

	"tutor/solutions/machinetree"
)

func ExampleParse() {
	t, err := machinetree.Parse("1(2(4),3)")
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Len(), t.Root(), t.Children(1), t.Height())

	_, err = machinetree.Parse("1(2(4),3(4))")
	fmt.Println(err)
	fmt.Println(errors.Is(err, machinetree.ErrTwoParents))
	// Output:
	// 4 1 [2 3] 2
	// machine with two parents at byte 9: machine 4 appears twice (first at byte 4), under 2 and under 3
	// true
}

func ExampleCluster_Count() {
	t, _ := machinetree.Parse("1(2(4),3)")
	c := machinetree.NewCluster(t, machinetree.NewSimNetwork(machinetree.FIFO, 0))
	n, err := c.Count()
	fmt.Println(n, err, c.Messages())
	// Output: 4 <nil> 6
}

func ExampleCluster_Topology() {
	t, _ := machinetree.Parse("1(2(4),3)")
	c := machinetree.NewCluster(t, machinetree.NewSimNetwork(machinetree.RandomOrder, 7))
	top, _ := c.Topology()
	fmt.Println(top)
	// Output: {1: {2: {4: {}}, 3: {}}}
}

// Two requests under way at once on machines running in parallel.
func ExampleConcurrentNetwork() {
	t := machinetree.Random(1000, 1)
	net := machinetree.NewConcurrentNetwork(t)
	defer net.Close()
	c := machinetree.NewCluster(t, net)
	a, _ := c.Start(machinetree.Count)
	b, _ := c.Start(machinetree.Count)
	ra, _ := c.Wait(a)
	rb, _ := c.Wait(b)
	fmt.Println(ra, rb, c.Messages())
	// Output: count 1000 count 1000 3996
}

// The caller picks which in-flight message is delivered next.
func ExampleSimNetwork_Deliver() {
	t, _ := machinetree.Parse("1(2,3)")
	net := machinetree.NewSimNetwork(machinetree.FIFO, 0)
	c := machinetree.NewCluster(t, net)
	req, _ := c.Start(machinetree.Count)
	for net.Len() > 0 {
		in := net.InFlight()
		fmt.Println(in)
		net.Deliver(len(in) - 1) // always the newest
	}
	r, _ := c.Wait(req)
	fmt.Println(r)
	// Output:
	// [client->1 request#1 count]
	// [1->2 request#1 count 1->3 request#1 count]
	// [1->2 request#1 count 3->1 response#1 count=1]
	// [1->2 request#1 count]
	// [2->1 response#1 count=1]
	// count 3
}

// A Cluster's Observe function sees every step of the handler.
func ExampleCluster_observe() {
	t, _ := machinetree.Parse("1(2)")
	c := machinetree.NewCluster(t, machinetree.NewSimNetwork(machinetree.FIFO, 0))
	c.Observe = func(e machinetree.Event) {
		fmt.Printf("%-12s %s\n", e.Step, e.Explain)
	}
	c.Count()
	// Output:
	// setup        2 machines in the tree 1(2), height 1; each knows only its parent and children, and the client is about to ask root 1 for the count
	// start        the client asks root 1 for the count under the fresh request id 1; the root will treat it like a request from a parent
	// deliver      machine 1 receives the count request 1 from client
	// create-entry machine 1 has 1 child, so it stores an entry for request 1 with pending 1 and an empty result, remembering to answer client
	// forward      machine 1 forwards count request 1 to child 2 (1 of 1)
	// deliver      machine 2 receives the count request 1 from 1
	// reply        machine 2 has no children, so it answers parent 1 at once with count 1, itself
	// deliver      machine 1 receives the count answer 1 for request 1 from child 2
	// merge-count  machine 1 adds child 2's count 1, sum so far 1, and its pending counter for request 1 drops to 0
	// final        root 1 has every answer: the tree has 2 machines (the children's sum plus one), the answer to request 1
}

// A network that delivers a message twice: the copy of the request finds
// the root's entry and is dropped, so the answer and the message count
// stay as they were.
func ExampleSimNetwork_DeliverTwice() {
	t, _ := machinetree.Parse("1(2,3)")
	net := machinetree.NewSimNetwork(machinetree.FIFO, 0)
	net.DeliverTwice(1) // the client's request
	c := machinetree.NewCluster(t, net)
	c.Observe = func(e machinetree.Event) {
		if e.Kind == machinetree.EventIgnore {
			fmt.Println(e.Step)
		}
	}
	n, err := c.Count()
	fmt.Println(n, err, c.Messages())
	// Output:
	// ignore-request
	// 3 <nil> 4
}
