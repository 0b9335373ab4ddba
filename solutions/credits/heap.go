package credits

import "container/heap"

// entry is one grant as the replay holds it in the heap. Left changes as
// charges use it; index is its position in the heap's array, kept current by
// Swap, Push and Pop, and -1 while it is out of the heap.
type entry struct {
	Grant
	index int
}

// grantHeap implements heap.Interface, ordered by expiry, then start, then
// id. Only expiryHeap uses it.
type grantHeap []*entry

func (h grantHeap) Len() int { return len(h) }

func (h grantHeap) Less(i, j int) bool { return h[i].before(&h[j].Grant) }

func (h grantHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h *grantHeap) Push(x any) {
	e := x.(*entry)
	e.index = len(*h)
	*h = append(*h, e)
}

func (h *grantHeap) Pop() any {
	old := *h
	n := len(old)
	e := old[n-1]
	old[n-1] = nil
	e.index = -1
	*h = old[:n-1]
	return e
}

// expiryHeap is a min-heap of grants by expiry. Its zero value is empty.
// Push and pop cost O(log n); top and len O(1).
type expiryHeap struct {
	h grantHeap
}

func (q *expiryHeap) reset() {
	clear(q.h)
	q.h = q.h[:0]
}

func (q *expiryHeap) len() int { return len(q.h) }

// top returns the grant that expires first; the heap must not be empty.
func (q *expiryHeap) top() *entry { return q.h[0] }

func (q *expiryHeap) push(e *entry) { heap.Push(&q.h, e) }

func (q *expiryHeap) pop() *entry { return heap.Pop(&q.h).(*entry) }

// appendTo appends the grants in the heap's array order to dst.
func (q *expiryHeap) appendTo(dst []Grant) []Grant {
	for _, e := range q.h {
		dst = append(dst, e.Grant)
	}
	return dst
}
