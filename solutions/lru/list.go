package lru

// entry is a key and its value in a doubly linked list. LFU's entries also
// know their bucket; LRU leaves bucket nil.
type entry[K comparable, V any] struct {
	key        K
	val        V
	prev, next *entry[K, V]
	bucket     *bucket[K, V]
}

// list is a doubly linked list of entries between two sentinels: head.next
// is the front (most recent), tail.prev the back (least recent). An empty
// list links head to tail. Every method is O(1). A list must not be copied
// once init has run, since the sentinels point at each other.
type list[K comparable, V any] struct {
	head, tail entry[K, V]
	n          int
}

// init links the sentinels: the list is empty.
func (l *list[K, V]) init() {
	l.head.next, l.tail.prev = &l.tail, &l.head
	l.n = 0
}

// pushFront links e in after the head sentinel.
func (l *list[K, V]) pushFront(e *entry[K, V]) {
	e.prev, e.next = &l.head, l.head.next
	l.head.next.prev = e
	l.head.next = e
	l.n++
}

// unlink takes e out of the list. With sentinels at both ends, e always
// has a neighbour on each side.
func (l *list[K, V]) unlink(e *entry[K, V]) {
	e.prev.next, e.next.prev = e.next, e.prev
	e.prev, e.next = nil, nil
	l.n--
}

// moveToFront unlinks e and links it in at the front.
func (l *list[K, V]) moveToFront(e *entry[K, V]) {
	if l.head.next == e {
		return
	}
	l.unlink(e)
	l.pushFront(e)
}

// back is the least recent entry, or nil when the list is empty.
func (l *list[K, V]) back() *entry[K, V] {
	if l.n == 0 {
		return nil
	}
	return l.tail.prev
}

// keys appends the keys from front to back to dst.
func (l *list[K, V]) keys(dst []K) []K {
	for e := l.head.next; e != &l.tail; e = e.next {
		dst = append(dst, e.key)
	}
	return dst
}

// bucket is LFU's list of the entries accessed freq times, most recent at
// the front, itself a node of the list of buckets.
type bucket[K comparable, V any] struct {
	freq       int
	items      list[K, V]
	prev, next *bucket[K, V]
}

// buckets is the list of buckets in increasing freq between two
// sentinels; head.next is the lowest count. It must not be copied once
// init has run.
type buckets[K comparable, V any] struct {
	head, tail bucket[K, V]
}

func (bs *buckets[K, V]) init() {
	bs.head.next, bs.tail.prev = &bs.tail, &bs.head
	bs.head.freq, bs.tail.freq = 0, -1
}

// insertAfter makes a bucket of count freq after at and returns it.
func (bs *buckets[K, V]) insertAfter(at *bucket[K, V], freq int) *bucket[K, V] {
	b := &bucket[K, V]{freq: freq}
	b.items.init()
	b.prev, b.next = at, at.next
	at.next.prev = b
	at.next = b
	return b
}

// remove takes the empty bucket b out of the list.
func (bs *buckets[K, V]) remove(b *bucket[K, V]) {
	b.prev.next, b.next.prev = b.next, b.prev
	b.prev, b.next = nil, nil
}

// lowest is the bucket of the lowest count, or nil when there is none.
func (bs *buckets[K, V]) lowest() *bucket[K, V] {
	if bs.head.next == &bs.tail {
		return nil
	}
	return bs.head.next
}

// snapshot is every bucket from the highest count to the lowest, keys most
// to least recent.
func (bs *buckets[K, V]) snapshot() []Bucket[K] {
	var out []Bucket[K]
	for b := bs.tail.prev; b != &bs.head; b = b.prev {
		out = append(out, Bucket[K]{Freq: b.freq, Keys: b.items.keys(nil)})
	}
	return out
}
