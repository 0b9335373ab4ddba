// Package hashring is consistent hashing with virtual nodes: a ring of
// 2^32 positions on which each node is placed at several points (its
// replicas, or virtual nodes), and a key belongs to the first point at or
// after the key's own hash, going round.
//
// Adding a node moves to it only the keys that fall just before its new
// points, about K/N of K keys over N nodes, where a hash modulo N would
// move almost all of them; removing a node hands its keys to the points
// that follow, spread over the other nodes. With one point per node the
// arcs are very unequal; a hundred points per node smooth the load to a
// few per cent.
//
// The layout is that of github.com/golang/groupcache's consistenthash:
// replica i of node n sits at hash(decimal(i) + n), a key at hash(key),
// and the hash is crc32.ChecksumIEEE unless another is given, so the same
// configuration gives the same owner for every key. Where two points fall
// on the same position, the node added last owns it, as in groupcache.
package hashring
