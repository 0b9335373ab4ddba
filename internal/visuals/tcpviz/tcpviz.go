// Package tcpviz is the visualization of solutions/tcp: a sequence
// diagram of one simulated connection, the two ends' states at the top,
// time going down, each segment an arrow between them (flags, seq, ack,
// len, window), a lost one ending in a cross; beside it the client's send
// window (acked | in flight | usable | not yet), the server's receive
// buffer, and a plot of cwnd and ssthresh.
//
// Every frame is one event of the solution's observer (tcp.Event), which
// carries both ends' variables after the step: the picture copies them.
package tcpviz

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tutor/internal/visual"
	"tutor/solutions/tcp"
)

// usage is the input syntax, Visual.Usage.
const usage = "[--send N] [--mss N] [--rwnd N] [--loss P] [--dup P] [--reorder P] [--seed S] [--drop K,...] [--drop-seg K,...] [--delay MS] [--bandwidth B] [--queue N] [--read N] [--read-every MS] [--open normal|simultaneous|refused] [--close MODE] [--profile rfc|linux] [--delack] [--isn C,S]"

// Limits of the input, so that a run stays a few thousand frames.
const (
	maxSend     = 200000
	maxSegments = 2000 // --send / --mss
)

// spec is the tcp visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "tcp",
	Usage:   usage,
	Source:  "tcp/endpoint.go",
	Default: []string{"--send", "5000", "--drop", "2"},
	Examples: [][]string{
		{"--send", "4000", "--mss", "500", "--drop", "2,3,4,5,6"},
		{"--send", "6000", "--rwnd", "2000", "--read", "500", "--read-every", "2000"},
		{"--send", "20000", "--loss", "3", "--mss", "1000", "--rwnd", "8000", "--close", "server-first"},
		{"--send", "20000", "--drop", "2"},
		{"--send", "3000", "--open", "simultaneous", "--close", "simultaneous"},
		{"--send", "1000", "--open", "refused"},
		{"--send", "3000", "--close", "abort", "--delack"},
		{"--send", "3000", "--dup", "30", "--seed", "3", "--close", "combined"},
	},
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the tcp visualization.
func New() visual.Visual { return spec.Visual() }

// input is a parsed command line. Parse(Format(in)) gives in back.
type input struct {
	send    int
	cfg     tcp.Config
	readEvr time.Duration
}

// defaults is the input of no flags.
func defaults() input {
	cfg := tcp.DefaultConfig()
	return input{send: 5000, cfg: cfg, readEvr: cfg.ReadEvery}
}

var openNames = []string{"normal", "simultaneous", "refused"}

// parse reads args in the syntax of usage.
func parse(args []string) (input, error) {
	in := defaults()
	fs := flag.NewFlagSet("tcp", flag.ContinueOnError)
	for _, name := range []string{"send", "mss", "rwnd", "loss", "dup", "reorder", "seed", "drop", "drop-seg",
		"delay", "bandwidth", "queue", "read", "read-every", "open", "close", "profile", "isn"} {
		fs.String(name, "", "see the usage")
	}
	delack := fs.Bool("delack", false, "delayed ACKs")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	var err error
	set := func(name string, f func(string) error) {
		if err == nil && isSet(fs, name) {
			if e := f(fs.Lookup(name).Value.String()); e != nil {
				err = e
			}
		}
	}
	intIn := func(name string, lo, hi int, dst *int, what string) func(string) error {
		return func(s string) error {
			n, e := strconv.Atoi(s)
			if e != nil || n < lo || n > hi {
				return fmt.Errorf("--%s %q: %s must be a whole number from %d to %d", name, s, what, lo, hi)
			}
			*dst = n
			return nil
		}
	}
	pct := func(name string, dst *float64) func(string) error {
		return func(s string) error {
			p, e := strconv.ParseFloat(s, 64)
			if e != nil || !(p >= 0 && p <= 100) {
				return fmt.Errorf("--%s %q: a percentage from 0 to 100", name, s)
			}
			*dst = p
			return nil
		}
	}
	ms := func(name string, lo, hi int, dst *time.Duration) func(string) error {
		return func(s string) error {
			var n int
			if e := intIn(name, lo, hi, &n, "milliseconds")(s); e != nil {
				return e
			}
			*dst = time.Duration(n) * time.Millisecond
			return nil
		}
	}
	list := func(name string, dst *[]int) func(string) error {
		return func(s string) error {
			for _, w := range strings.Split(s, ",") {
				n, e := strconv.Atoi(strings.TrimSpace(w))
				if e != nil || n < 1 || n > 100000 {
					return fmt.Errorf("--%s %q: want segment numbers from 1, separated by commas", name, s)
				}
				if !slices.Contains(*dst, n) {
					*dst = append(*dst, n)
				}
			}
			slices.Sort(*dst)
			return nil
		}
	}
	c := &in.cfg
	set("send", intIn("send", 0, maxSend, &in.send, "the bytes to send"))
	set("mss", intIn("mss", 1, 65495, &c.MSS, "the MSS"))
	set("rwnd", intIn("rwnd", 1, tcp.MaxWindow, &c.RcvBuf, "the receive buffer"))
	set("loss", pct("loss", &c.Net.Loss))
	set("dup", pct("dup", &c.Net.Dup))
	set("reorder", pct("reorder", &c.Net.Reorder))
	set("seed", func(s string) error {
		n, e := strconv.ParseUint(s, 10, 64)
		if e != nil {
			return fmt.Errorf("--seed %q: want a whole number from 0", s)
		}
		c.Net.Seed = n
		return nil
	})
	set("drop", list("drop", &c.Net.Drop))
	set("drop-seg", list("drop-seg", &c.Net.DropSeg))
	set("delay", ms("delay", 0, 10000, &c.Net.Delay))
	set("bandwidth", intIn("bandwidth", 0, 1<<30, &c.Net.Bandwidth, "the bandwidth in bytes per second (0: unlimited)"))
	set("queue", intIn("queue", 0, 100000, &c.Net.Queue, "the queue limit (0: none)"))
	set("read", intIn("read", 0, 1<<20, &c.ReadBytes, "the bytes read at a time (0: all at once)"))
	set("read-every", ms("read-every", 1, 60000, &in.readEvr))
	set("open", func(s string) error {
		i := slices.Index(openNames, s)
		if i < 0 {
			return fmt.Errorf("--open %q: want normal, simultaneous or refused", s)
		}
		c.Open = tcp.OpenMode(i)
		return nil
	})
	set("close", func(s string) error {
		m, e := tcp.ParseCloseMode(s)
		c.Close = m
		if e != nil {
			return fmt.Errorf("--%v", e)
		}
		return nil
	})
	set("profile", func(s string) error {
		p, e := tcp.ParseProfile(s)
		c.Profile = p
		if e != nil {
			return fmt.Errorf("--%v", e)
		}
		return nil
	})
	set("isn", func(s string) error {
		a, b, ok := strings.Cut(s, ",")
		x, e1 := strconv.ParseUint(a, 10, 32)
		y, e2 := strconv.ParseUint(b, 10, 32)
		if !ok || e1 != nil || e2 != nil {
			return fmt.Errorf("--isn %q: want CLIENT,SERVER, two numbers from 0 to 4294967295", s)
		}
		c.ClientISN, c.ServerISN = uint32(x), uint32(y)
		return nil
	})
	if err != nil {
		return input{}, err
	}
	c.DelayedACK = *delack
	c.ReadEvery = in.readEvr
	if segs := (in.send + c.MSS - 1) / c.MSS; segs > maxSegments {
		return input{}, fmt.Errorf("--send %d with --mss %d is %d segments; the visual shows at most %d", in.send, c.MSS, segs, maxSegments)
	}
	return in, nil
}

// isSet reports whether the flag name was given.
func isSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

// format writes in back as a command line, the flags that differ from
// the defaults only.
func format(in input) []string {
	d, c := defaults(), in.cfg
	var a []string
	add := func(cond bool, name, v string) {
		if cond {
			a = append(a, "--"+name, v)
		}
	}
	fl := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	ints := func(ns []int) string {
		s := make([]string, len(ns))
		for i, n := range ns {
			s[i] = strconv.Itoa(n)
		}
		return strings.Join(s, ",")
	}
	add(true, "send", strconv.Itoa(in.send))
	add(c.MSS != d.cfg.MSS, "mss", strconv.Itoa(c.MSS))
	add(c.RcvBuf != d.cfg.RcvBuf, "rwnd", strconv.Itoa(c.RcvBuf))
	add(c.Net.Loss != 0, "loss", fl(c.Net.Loss))
	add(c.Net.Dup != 0, "dup", fl(c.Net.Dup))
	add(c.Net.Reorder != 0, "reorder", fl(c.Net.Reorder))
	add(c.Net.Seed != 0, "seed", strconv.FormatUint(c.Net.Seed, 10))
	add(len(c.Net.Drop) > 0, "drop", ints(c.Net.Drop))
	add(len(c.Net.DropSeg) > 0, "drop-seg", ints(c.Net.DropSeg))
	add(c.Net.Delay != d.cfg.Net.Delay, "delay", strconv.FormatInt(c.Net.Delay.Milliseconds(), 10))
	add(c.Net.Bandwidth != 0, "bandwidth", strconv.Itoa(c.Net.Bandwidth))
	add(c.Net.Queue != 0, "queue", strconv.Itoa(c.Net.Queue))
	add(c.ReadBytes != 0, "read", strconv.Itoa(c.ReadBytes))
	add(in.readEvr != d.readEvr, "read-every", strconv.FormatInt(in.readEvr.Milliseconds(), 10))
	add(c.Open != d.cfg.Open, "open", openNames[c.Open])
	add(c.Close != d.cfg.Close, "close", c.Close.String())
	add(c.Profile != d.cfg.Profile, "profile", c.Profile.String())
	if c.DelayedACK {
		a = append(a, "--delack")
	}
	add(c.ClientISN != d.cfg.ClientISN || c.ServerISN != d.cfg.ServerISN, "isn", fmt.Sprintf("%d,%d", c.ClientISN, c.ServerISN))
	return a
}
