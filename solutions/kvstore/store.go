package kvstore

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"
)

// DefaultName is the blob name a Store uses when its Name is empty.
const DefaultName = "kvstore"

// MetaName returns the name of the metadata record of the chunked stream
// saved under base: base + ".meta".
func MetaName(base string) string { return base + ".meta" }

// ChunkName returns the name of chunk i of the chunked stream saved under
// base: base + ".chunk." + i in decimal.
func ChunkName(base string, i int) string { return base + ".chunk." + strconv.Itoa(i) }

// Store is an in-memory key-value store that Shutdown saves as bytes and
// Restore rebuilds. The zero value is an empty store, saved as one blob
// named DefaultName, with no observer. A Store is safe for concurrent use;
// set its fields before sharing it.
type Store struct {
	// Name is the blob name Shutdown and Restore use, or in chunked mode
	// the base of the chunk and metadata names. Empty means DefaultName.
	Name string
	// ChunkSize, when above 0, makes Shutdown cut the stream into chunks
	// of at most ChunkSize bytes, saved with a metadata record of MetaLen
	// bytes, and makes Restore read them back. 0 saves one blob.
	ChunkSize int
	// Observe, when not nil, is called for every step of an encode, cut,
	// join and decode (Shutdown, Restore, MarshalBinary, UnmarshalBinary),
	// in order, on the calling goroutine. When nil the cost is a nil check.
	Observe func(Event)

	mu sync.RWMutex
	m  map[string]string
}

// Put sets the value of key. Key and value must be valid UTF-8 of at most
// MaxLen bytes; otherwise Put returns an error naming the bad one and the
// store is unchanged. It costs O(1) on average.
func (s *Store) Put(key, value string) error {
	if err := checkField("key", key); err != nil {
		return fmt.Errorf("kvstore: put: %w", err)
	}
	if err := checkField("value", value); err != nil {
		return fmt.Errorf("kvstore: put %q: %w", key, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[string]string)
	}
	s.m[key] = value
	return nil
}

// Get returns the value of key and reports whether the key is present.
func (s *Store) Get(key string) (value string, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	value, ok = s.m[key]
	return value, ok
}

// Delete removes key and reports whether it was present.
func (s *Store) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.m[key]
	delete(s.m, key)
	return ok
}

// Len returns the number of keys.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.m)
}

// Keys returns the keys in increasing byte order, in a new slice. It costs
// O(n log n) for n keys.
func (s *Store) Keys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Sorted(maps.Keys(s.m))
}

// Pairs returns the pairs in increasing key order, in a new slice: the
// order in which they are encoded. It costs O(n log n) for n keys.
func (s *Store) Pairs() []Pair {
	keys := s.Keys()
	s.mu.RLock()
	defer s.mu.RUnlock()
	pairs := make([]Pair, 0, len(keys))
	for _, k := range keys {
		if v, ok := s.m[k]; ok {
			pairs = append(pairs, Pair{k, v})
		}
	}
	return pairs
}

// AppendBinary appends the store's stream to b: its pairs in increasing
// key order in the format of AppendEncode. The same contents always give
// the same bytes. It costs O(n log n) for n keys plus the stream's length.
func (s *Store) AppendBinary(b []byte) ([]byte, error) {
	pairs := s.Pairs()
	return encode(slices.Grow(b, EncodedLen(pairs)), pairs, s.Observe)
}

// MarshalBinary returns the store's stream, as AppendBinary.
func (s *Store) MarshalBinary() ([]byte, error) {
	return s.AppendBinary(nil)
}

// UnmarshalBinary replaces the store's contents with the pairs of stream,
// as DecodePairs reads them. When stream is corrupt it returns the
// *CorruptError and the store is unchanged.
func (s *Store) UnmarshalBinary(stream []byte) error {
	pairs, err := decode(stream, s.Observe)
	if err != nil {
		return err
	}
	s.replace(pairs)
	return nil
}

// replace swaps in a map of pairs, built before taking the lock.
func (s *Store) replace(pairs []Pair) {
	m := make(map[string]string, len(pairs))
	for _, p := range pairs {
		m[p.Key] = p.Value
	}
	s.mu.Lock()
	s.m = m
	s.mu.Unlock()
}

func (s *Store) name() string {
	if s.Name == "" {
		return DefaultName
	}
	return s.Name
}

// Shutdown saves the store's stream to st: as one blob named Name, or,
// when ChunkSize is above 0, as chunks of at most ChunkSize bytes cut
// regardless of record borders, then the metadata record, which is saved
// last so that it only ever describes chunks already saved. Chunks left
// from an earlier, longer stream are then deleted. The store's contents
// are unchanged. A chunk overwritten in place means a crash in the middle
// can leave chunks of two streams: Restore then finds a size or checksum
// mismatch and refuses them.
func (s *Store) Shutdown(st Storage) error {
	base := s.name()
	if err := checkName(base); err != nil {
		return err
	}
	stream, err := s.MarshalBinary()
	if err != nil {
		return err
	}
	if s.ChunkSize <= 0 {
		return st.Save(base, stream)
	}
	chunks, meta, err := cutChunks(stream, s.ChunkSize, base, s.Observe)
	if err != nil {
		return err
	}
	for i, c := range chunks {
		if err := st.Save(ChunkName(base, i), c); err != nil {
			return err
		}
	}
	if err := st.Save(MetaName(base), meta); err != nil {
		return err
	}
	for i := len(chunks); ; i++ {
		err := st.Delete(ChunkName(base, i))
		if isNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Restore replaces the store's contents with what Shutdown saved to st,
// read the way Shutdown wrote it (one blob, or the metadata record and its
// chunks when ChunkSize is above 0; the chunk size itself is read from the
// metadata). Nothing is changed until everything has been read and checked:
// on any error the store keeps its contents. A missing blob gives an error
// matching fs.ErrNotExist; bytes that do not decode give a *CorruptError
// naming the blob and the offset.
func (s *Store) Restore(st Storage) error {
	base := s.name()
	if err := checkName(base); err != nil {
		return err
	}
	var (
		stream []byte
		meta   Meta
		err    error
	)
	if s.ChunkSize <= 0 {
		stream, err = st.Load(base)
		if err != nil {
			return fmt.Errorf("kvstore: restore: %w", err)
		}
	} else {
		stream, meta, err = joinChunks(st, base, s.Observe)
		if err != nil {
			return err
		}
	}
	pairs, err := decode(stream, s.Observe)
	if err != nil {
		var ce *CorruptError
		if errors.As(err, &ce) {
			ce.Blob, ce.BlobOffset = base, ce.Offset
			if meta.Chunks > 0 {
				// The metadata's chunk size decides where each byte sits.
				i := min(ce.Offset/meta.ChunkSize, meta.Chunks-1)
				ce.Blob, ce.BlobOffset = ChunkName(base, i), ce.Offset-i*meta.ChunkSize
			}
		}
		return err
	}
	s.replace(pairs)
	return nil
}
