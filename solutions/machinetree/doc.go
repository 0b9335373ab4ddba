// Package machinetree counts the machines of a tree, and learns its shape,
// using nothing but asynchronous messages.
//
// Machines form a rooted tree. Each knows its own id, its parent and its
// children, and can only send messages: no shared memory, no return values,
// and messages arrive later in any order. The root starts a request with a
// fresh request id; every machine with children forwards the request to each
// child, keeps a pending counter and the partial results under that request
// id, and replies to its parent once its last child has answered (a leaf
// replies at once). This is the echo, or convergecast, pattern of distributed
// computing: one request on n machines takes exactly 2(n-1) messages, and
// twice the height of the tree in rounds.
//
// A Tree is built and validated from a nested description such as
// "1(2(4),3)" (Parse), from parent links (FromParents) or from edges
// (FromEdges). A Cluster runs one message handler per machine of a Tree on a
// Network: a SimNetwork delivers in-flight messages one at a time in a chosen
// order (fifo, lifo, seeded random, or picked by the caller), and can deliver
// a chosen one twice, as an at-least-once network does (DeliverTwice); a
// ConcurrentNetwork runs one goroutine per machine. A Cluster's optional
// Observe function sees every step of the handler, which lives in handler.go
// with each step marked by a comment "// step: <id>" (the Step constants).
package machinetree
