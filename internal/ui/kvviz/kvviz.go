// Package kvviz is the visualization of solutions/kvstore: the byte stream
// as a hex dump coloured by field, built field by field as Shutdown encodes,
// cut into chunks and joined again, then read back by Restore with the
// cursor moving as the decoder moves it, beside the map being rebuilt.
package kvviz

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	visual "tutor/internal/visual/legacy"
	"tutor/solutions"
	"tutor/solutions/kvstore"
)

// sourceFile is the solution file whose "// step:" lines the frames name.
const sourceFile = "kvstore/codec.go"

type viz struct{}

// New returns the kvstore visualization.
func New() visual.Visual { return viz{} }

func (viz) Name() string { return "kvstore" }

func (viz) Usage() string { return "--put KEY=VALUE ... [--chunk N]" }

func (viz) DefaultArgs() []string {
	return []string{"--put", "A=BC", "--put", "名字=值", "--put", "k=v"}
}

func (viz) Source() (file, text string) {
	text, err := solutions.Source(sourceFile)
	if err != nil {
		return "solutions/" + sourceFile, "// " + err.Error()
	}
	return "solutions/" + sourceFile, text
}

// input is a parsed command line: the pairs in the order given and the
// chunk size (0: not chunked).
type input struct {
	puts  [][2]string
	chunk int
	bad   error // the first refused --put, reported as it is
}

// putList collects repeated --put KEY=VALUE flags.
type putList struct{ in *input }

func (p putList) String() string { return "" }

func (p putList) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		p.in.bad = fmt.Errorf("--put %q: want KEY=VALUE (no = found)", s)
		return p.in.bad
	}
	p.in.puts = append(p.in.puts, [2]string{k, v})
	return nil
}

// parse reads args in the syntax of Usage.
func parse(args []string) (input, error) {
	var in input
	fs := flag.NewFlagSet("kvstore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(putList{&in}, "put", "a pair `KEY=VALUE` to put (repeatable)")
	chunk := fs.String("chunk", "", "cut the stream into chunks of `N` bytes")
	if err := visual.ParseFlags(fs, args, viz{}.Usage()); err != nil {
		if in.bad != nil {
			return input{}, in.bad // not the flag package's wrapping of it
		}
		return input{}, err
	}
	if set(fs, "chunk") {
		n, err := strconv.Atoi(*chunk)
		if err != nil || n < 1 {
			return input{}, fmt.Errorf("--chunk %q: a chunk size must be a whole number of at least 1", *chunk)
		}
		in.chunk = n
	}
	return in, nil
}

func set(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// args writes in back as a command line.
func (in input) args() []string {
	var a []string
	for _, p := range in.puts {
		a = append(a, "--put", p[0]+"="+p[1])
	}
	if in.chunk > 0 {
		a = append(a, "--chunk", strconv.Itoa(in.chunk))
	}
	return a
}

// store puts the input's pairs into a new store.
func (in input) store() (*kvstore.Store, error) {
	s := &kvstore.Store{ChunkSize: in.chunk}
	for _, p := range in.puts {
		if err := s.Put(p[0], p[1]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Run parses args, then runs Shutdown and Restore of the solution with its
// observer attached, recording one frame per event.
func (viz) Run(args []string) (visual.Run, error) {
	in, err := parse(args)
	if err != nil {
		return nil, err
	}
	s, err := in.store()
	if err != nil {
		return nil, err
	}
	// The final line comes from the solution's own output, without the
	// observer.
	stream, err := s.MarshalBinary()
	if err != nil {
		return nil, err
	}
	rec := newRecorder(s.Pairs(), in.chunk)
	s.Observe = rec.observe
	st := &kvstore.MemStorage{}
	if err := s.Shutdown(st); err != nil {
		return nil, err
	}
	back := &kvstore.Store{ChunkSize: in.chunk, Observe: rec.observe}
	if err := back.Restore(st); err != nil {
		return nil, err
	}
	r := rec.finish()
	r.final = hexBytes(stream)
	if len(stream) == 0 {
		r.final = "(empty stream: 0 bytes)"
	}
	return r, nil
}

// hexBytes is b as two-digit lowercase hex bytes separated by spaces.
func hexBytes(b []byte) string {
	return fmt.Sprintf("% x", b)
}
