package kvviz

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/kvstore"
)

// exercises are the generated quiz exercises, each graded by the solution.
var exercises = []visual.ExerciseKind{
	{ID: "kvstore.put-hex", Title: "bytes of put(k, v)", New: newPutHex},
	{ID: "kvstore.decode", Title: "decode a short stream", New: newDecode},
	{ID: "kvstore.length", Title: "length of a stream", New: newLength},
	{ID: "kvstore.chunks", Title: "chunks of N bytes", New: newChunks},
}

// word draws lowercase ASCII of lo to hi letters, so answers can be
// compared without regard to case.
func word(r *rand.Rand, lo, hi int) string {
	b := make([]byte, lo+r.IntN(hi-lo+1))
	for i := range b {
		b[i] = 'a' + byte(r.IntN(26))
	}
	return string(b)
}

// text draws a key or value that is sometimes multi-byte UTF-8.
func text(r *rand.Rand, lo, hi int) string {
	if r.IntN(3) == 0 {
		return []string{"名字", "值", "é", "日本", "ü", "€"}[r.IntN(6)]
	}
	return word(r, lo, hi)
}

// distinctPairs draws n pairs with distinct keys from key and value.
func distinctPairs(r *rand.Rand, n int, key, value func() string) []kvstore.Pair {
	seen := map[string]bool{}
	var pairs []kvstore.Pair
	for len(pairs) < n {
		k := key()
		if seen[k] {
			continue
		}
		seen[k] = true
		pairs = append(pairs, kvstore.Pair{Key: k, Value: value()})
	}
	return pairs
}

// encode asks the solution for the stream of pairs, in key order as a
// Store keeps them.
func encode(pairs []kvstore.Pair) []byte {
	var s kvstore.Store
	for _, p := range pairs {
		_ = s.Put(p.Key, p.Value)
	}
	b, _ := s.MarshalBinary()
	return b
}

// putArgs is the visual's input that puts pairs, chunked at chunk bytes
// (0: not chunked).
func putArgs(pairs []kvstore.Pair, chunk int) []string {
	return format(input{puts: pairs, chunk: chunk})
}

// normHex reads an answer in hex leniently: any case, with or without
// spaces, commas or 0x prefixes. It reports false for anything else.
func normHex(s string) (string, bool) {
	s = strings.ToLower(s)
	s = strings.NewReplacer("0x", "", ",", " ", ":", " ").Replace(s)
	var b strings.Builder
	for _, f := range strings.Fields(s) {
		if len(f)%2 == 1 {
			f = "0" + f // "0 0 0 1" means 00 00 00 01
		}
		b.WriteString(f)
	}
	out := b.String()
	for _, c := range out {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return "", false
		}
	}
	return out, out != ""
}

// newPutHex asks for the bytes of one put, in hex.
func newPutHex(r *rand.Rand) visual.Exercise {
	p := kvstore.Pair{Key: word(r, 1, 3), Value: word(r, 0, 3)}
	want := encode([]kvstore.Pair{p})
	answer := hexBytes(want)
	return visual.Exercise{
		Question: fmt.Sprintf("Type the bytes of put(%q, %q) in hex, two digits a byte\n(put(\"A\", \"BC\") is 00 00 00 01 41 00 00 00 02 42 43).", p.Key, p.Value),
		Answer:   answer,
		Check: func(s string) bool {
			got, ok := normHex(s)
			return ok && got == strings.ReplaceAll(answer, " ", "")
		},
		Hint: hexHint,
		Args: putArgs([]kvstore.Pair{p}, 0),
	}
}

// newDecode asks for the pairs of a short stream.
func newDecode(r *rand.Rand) visual.Exercise {
	pairs := distinctPairs(r, 1+r.IntN(2), func() string { return word(r, 1, 3) }, func() string { return word(r, 0, 3) })
	stream := encode(pairs)
	decoded, _ := kvstore.DecodePairs(stream)
	answer := pairAnswer(decoded)
	return visual.Exercise{
		Question: fmt.Sprintf("Decode this stream into its pairs, written k=v, separated by commas:\n%s", hexBytes(stream)),
		Answer:   answer,
		Check: func(s string) bool {
			got, ok := parsePairs(s)
			return ok && got == answer
		},
		Hint: func(s string) string {
			if _, ok := parsePairs(s); ok || strings.TrimSpace(s) == "" {
				return ""
			}
			return "write each pair as key=value, the pairs separated by commas, e.g. a=xy, b="
		},
		Args: putArgs(decoded, 0),
	}
}

// pairAnswer is pairs as "k=v, k=v" in key order.
func pairAnswer(pairs []kvstore.Pair) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.Key + "=" + p.Value
	}
	return strings.Join(parts, ", ")
}

// parsePairs reads "k=v, k=v" (commas or spaces between pairs, any case,
// any order) into the canonical form of pairAnswer.
func parsePairs(s string) (string, bool) {
	fields := strings.Fields(strings.ReplaceAll(strings.ToLower(s), ",", " "))
	if len(fields) == 0 {
		return "", false
	}
	var pairs []kvstore.Pair
	for _, f := range fields {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return "", false
		}
		pairs = append(pairs, kvstore.Pair{Key: k, Value: v})
	}
	slices.SortFunc(pairs, func(a, b kvstore.Pair) int { return strings.Compare(a.Key, b.Key) })
	return pairAnswer(pairs), true
}

// newLength asks for the length of the stream of a few puts.
func newLength(r *rand.Rand) visual.Exercise {
	pairs := distinctPairs(r, 1+r.IntN(3), func() string { return text(r, 1, 4) }, func() string { return text(r, 0, 5) })
	n := len(encode(pairs))
	var puts []string
	for _, p := range pairs {
		puts = append(puts, fmt.Sprintf("put(%q, %q)", p.Key, p.Value))
	}
	return visual.Exercise{
		Question: fmt.Sprintf("How many bytes does the stream of %s take?", strings.Join(puts, ", ")),
		Answer:   strconv.Itoa(n),
		Check:    checkInt(n),
		Hint:     intHint,
		Args:     putArgs(pairs, 0),
	}
}

// newChunks asks how many chunks a stream is cut into, the count read
// from the metadata record the solution saves.
func newChunks(r *rand.Rand) visual.Exercise {
	pairs := distinctPairs(r, 1+r.IntN(3), func() string { return word(r, 1, 4) }, func() string { return text(r, 0, 6) })
	size := 2 + r.IntN(15)
	s := kvstore.Store{ChunkSize: size}
	for _, p := range pairs {
		_ = s.Put(p.Key, p.Value)
	}
	st := &kvstore.MemStorage{}
	_ = s.Shutdown(st)
	raw, _ := st.Load(kvstore.MetaName(kvstore.DefaultName))
	m, _ := kvstore.ParseMeta(raw)
	var puts []string
	for _, p := range pairs {
		puts = append(puts, fmt.Sprintf("put(%q, %q)", p.Key, p.Value))
	}
	return visual.Exercise{
		Question: fmt.Sprintf("The storage takes blobs of at most %d bytes. Into how many chunks (not counting the metadata record) is the stream of %s cut?", size, strings.Join(puts, ", ")),
		Answer:   strconv.Itoa(m.Chunks),
		Check:    checkInt(m.Chunks),
		Hint:     intHint,
		Args:     putArgs(pairs, size),
	}
}

// checkInt accepts n written in decimal, with spaces around.
func checkInt(n int) func(string) bool {
	return func(s string) bool {
		got, err := strconv.Atoi(strings.TrimSpace(s))
		return err == nil && got == n
	}
}

// hexHint says what to change in an answer that is not bytes in hex; ""
// for hex, right or wrong.
func hexHint(s string) string {
	if _, ok := normHex(s); ok || strings.TrimSpace(s) == "" {
		return ""
	}
	return "write the bytes in hex, two digits 0-9 a-f a byte, e.g. 00 00 00 01 41"
}

// intHint says what to change in an answer that is not a whole number in
// digits; "" for a number, right or wrong.
func intHint(s string) string {
	if _, err := strconv.Atoi(strings.TrimSpace(s)); err == nil || strings.TrimSpace(s) == "" {
		return ""
	}
	return "write the number alone, in digits, e.g. 12"
}
