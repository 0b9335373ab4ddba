// Package kvviz is the visualization of solutions/kvstore: the byte stream
// as a hex dump coloured by field, built field by field as Shutdown encodes,
// cut into chunks and joined again, then read back by Restore with the
// cursor moving as the decoder moves it, beside the map being rebuilt.
//
// Its input is the command line of Usage: pairs to put, in the order given
// (a later put of a key wins, as in the store), and an optional chunk size.
// Every frame is drawn from the events of the solution's observer
// (kvstore.Event): the bytes, their fields, the chunks and the metadata
// record as the solution reports them.
package kvviz

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/kvstore"
)

// usage is the input syntax, Visual.Usage.
const usage = "--put KEY=VALUE ... [--chunk N]"

// spec is the kvstore visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "kvstore",
	Usage:   usage,
	Source:  "kvstore/codec.go",
	Default: []string{"--put", "A=BC", "--put", "名字=值", "--put", "k=v"},
	// The README's input: chunked, so it takes the cut, metadata and
	// join steps the default input does not.
	Examples:  [][]string{{"--put", "A=BC", "--put", "key=value", "--chunk", "8"}},
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the kvstore visualization.
func New() visual.Visual { return spec.Visual() }

// input is a parsed command line: the pairs in the order given and the
// chunk size (0: not chunked). Parse(Format(in)) gives in back.
type input struct {
	puts  []kvstore.Pair
	chunk int
}

// putFlag collects repeated --put KEY=VALUE flags. bad is the first value
// it refused, reported as it is rather than in the flag package's
// wrapping of it.
type putFlag struct {
	puts []kvstore.Pair
	bad  error
}

func (p *putFlag) String() string { return "" }

func (p *putFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		p.bad = fmt.Errorf("--put %q: want KEY=VALUE (no = found)", s)
		return p.bad
	}
	p.puts = append(p.puts, kvstore.Pair{Key: k, Value: v})
	return nil
}

// parse reads args in the syntax of usage. A key or value the store
// refuses (not UTF-8, too long) is refused by record, by the solution.
func parse(args []string) (input, error) {
	var puts putFlag
	fs := flag.NewFlagSet("kvstore", flag.ContinueOnError)
	fs.Var(&puts, "put", "a pair `KEY=VALUE` to put (repeatable)")
	chunk := fs.String("chunk", "", "cut the stream into chunks of `N` bytes")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		if puts.bad != nil {
			return input{}, puts.bad
		}
		return input{}, err
	}
	in := input{puts: puts.puts}
	if isSet(fs, "chunk") {
		n, err := strconv.Atoi(*chunk)
		if err != nil || n < 1 {
			return input{}, fmt.Errorf("--chunk %q: a chunk size must be a whole number of at least 1", *chunk)
		}
		in.chunk = n
	}
	return in, nil
}

// isSet reports whether the flag name was given.
func isSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// format writes in back as a command line.
func format(in input) []string {
	var a []string
	for _, p := range in.puts {
		a = append(a, "--put", p.Key+"="+p.Value)
	}
	if in.chunk > 0 {
		a = append(a, "--chunk", strconv.Itoa(in.chunk))
	}
	return a
}

// store puts the input's pairs into a new store, chunked as in says.
func (in input) store() (*kvstore.Store, error) {
	s := &kvstore.Store{ChunkSize: in.chunk}
	for _, p := range in.puts {
		if err := s.Put(p.Key, p.Value); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// hexBytes is b as two-digit lowercase hex bytes separated by spaces.
func hexBytes(b []byte) string {
	return fmt.Sprintf("% x", b)
}
