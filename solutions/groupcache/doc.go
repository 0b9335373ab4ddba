// Package groupcache is a cache spread over a cluster of peers, after
// github.com/golang/groupcache: each key has one owner, chosen by a
// consistent-hash ring (solutions/hashring) of the peers' base URLs; only
// the owner loads the key from the slow source and keeps it in its main
// cache (solutions/lru); another peer asked for the key asks the owner
// over HTTP and keeps the answer in a smaller hot cache; and concurrent
// Gets of one key on one peer share one load (solutions/singleflight). A
// cold key asked for by a crowd of clients on every peer is loaded from
// the source exactly once in the cluster.
//
// A Get takes these steps (the Step constants), on the peer it is asked
// of:
//
//	lookup → hit-main | hit-hot | miss
//	miss → dedup-join … dedup-shared        (a load of the key is in flight here)
//	miss → owner → peer-request → peer-answer → cache-hot
//	                            → peer-fail → load-source → cache-main
//	miss → owner (this peer) → load-source → cache-main
//	… → flight-done (the load wakes its joiners) → reply
//
// and the owner serving a peer's request takes serve → hit-main | hit-hot | miss →
// (dedup-join … dedup-shared | load-source → cache-main → flight-done) →
// reply. A peer that does not answer is never an error to the client: the
// asking peer loads the key itself (Stats.LocalLoads).
//
// Unlike golang/groupcache, caches count keys, not bytes; every value
// fetched from an owner goes into the hot cache (groupcache keeps one in
// ten, at random), so a run is repeatable; groups are registered with
// their Peers rather than in a global table; and a Getter returns the
// value rather than filling a Sink.
//
// # The protocol
//
// A peer serves, on the path BasePath ("/_groupcache/"):
//
//	GET /_groupcache/<group>/<key>?client=<id>&from=<peer>
//	    200, Content-Type application/octet-stream, the body the value
//	        (loaded from the source if the peer does not have it; a
//	        served request never asks another peer);
//	    400, a one-line text body: the path or query is malformed;
//	    404, a one-line text body: the peer has no such group;
//	    405: a method other than GET;
//	    500, a one-line text body: the peer's own load failed.
//	GET /_groupcache/<group>
//	    200, Content-Type application/json, the group's Stats.
//
// Group and key are escaped with url.PathEscape, so a "/" in a key is
// %2F; a key "." or ".." is %2E or %2E%2E. client and from are optional
// (the Get's client id, the asking peer's base URL) and only label
// events. Request.Path writes a request and ParseRequest reads one. An
// answer longer than MaxValueBytes is refused. Every request to a peer is
// bounded by Peers.Timeout and by the Get's context.
//
// # Observing a run
//
// Group.Observe receives an Event for each step: the peer, the client id
// (WithClient) of the Get it serves, on whichever peer, the key, and what
// the step knows (the ring position, the owner, the value, the error, the
// number of waiters), with the peer's cache keys and Stats after the step
// and one sentence, Explain. The line of group.go that performs a step
// carries the comment "// step: <id>". Observe is called on the goroutine
// that takes the step, with no lock of this package held, so an observer
// that blocks holds up only that goroutine.
//
// # A deterministic run
//
// Real peers over TCP interleave as the scheduler likes. A driver that
// wants the same events in the same order every run (a visualization's
// frames, golden files) does this:
//
//  1. Transport. Build every peer's Peers with one MemTransport and
//     Handle each peer's base URL with its Peers. A request then runs the
//     owner's ServeHTTP on the asking goroutine, through the same
//     protocol code, so a client's Get runs on one goroutine from lookup
//     to reply, across peers. Kill a peer with SetDown: requests to it
//     fail and the askers load locally.
//  2. Source. Make the Getter the driver's own, so that it can hold a
//     load until it says go. A Get then leaves its goroutine's control
//     only at two places: inside the Getter, and after StepDedupJoin,
//     when it waits for the load it joined.
//  3. Starting clients. Start the concurrent clients one at a time, and
//     before starting the next, wait until the last one either returned
//     from Get, entered the Getter, or emitted StepDedupJoin (the event
//     comes before the caller blocks). Every event up to there is in a
//     fixed order.
//  4. Releasing the loads. Make Observe a gate: each call hands its
//     Event to the driver and waits for a go-ahead. The driver counts the
//     goroutines that can run: a released Getter adds one; StepDedupJoin,
//     once let go, removes one (it now waits); StepFlightDone with
//     Waiters n, once let go, adds n, and each of those n emits
//     StepDedupShared as its first step; a Get returning removes one.
//     When every goroutine that can run is parked in Observe, the driver
//     lets exactly one go, by a fixed rule (say the lowest client id,
//     then the earliest started). Then the whole run is one fixed
//     sequence of events.
//
// Serial is this recipe as a type: Hold wraps the Getter, Observe is the
// gate, and Run takes the list of calls and returns the events in their
// fixed order.
//
// The Getter's context carries the client id of the Get that caused the
// load (Client), which a driver can use to name the load it holds.
package groupcache
