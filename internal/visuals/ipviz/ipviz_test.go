package ipviz

import (
	"flag"
	"iter"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"tutor/internal/visual"
	"tutor/internal/visual/visualtest"
	"tutor/solutions/ipv4"
)

var update = flag.Bool("update", false, "rewrite the golden files in ../testdata/golden")

var goodInputs = [][]string{
	{"--from", "10.0.0.254", "--count", "4"},
	{"--from", "10.255.255.255", "--count", "2"},
	{"--from", "10.0.1.1", "--count", "4", "--reverse"},
	{"--from", "255.255.255.254", "--count", "5"},
	{"--from", "0.0.0.1", "--count", "5", "--reverse"},
	{"--from", "1.2.3.4"},
	{"--cidr", "192.168.1.0/30"},
	{"--cidr", "192.168.1.5/30", "--reverse"},
	{"--cidr", "10.0.0.0/8", "--count", "3"},
	{"--cidr", "10.0.0.0/8", "--count", "3", "--reverse"},
	{"--cidr", "0.0.0.0/0", "--count", "2"},
	{"--cidr", "1.2.3.4/32"},
	{"--cidr", "1.2.3.5/31", "--reverse"},
	{"--cidr", "10.0.0.0/22"},
	{"--from", "10.0.0.0", "--count", "1024"},
}

var badInputs = [][]string{
	{},
	{"--from", "10.0.0.256"},
	{"--from", "1.2.3"},
	{"--from", "01.2.3.4"},
	{"--from", "1.2.3.4", "--count", "x"},
	{"--from", "1.2.3.4", "--count", "0"},
	{"--from", "1.2.3.4", "--count", "1025"},
	{"--cidr", "10.0.0.0/33"},
	{"--cidr", "10.0.0.0/x"},
	{"--cidr", "10.0.0.0"},
	{"--cidr", "10.0.0.0/8"},
	{"--from", "1.2.3.4", "--cidr", "1.2.3.0/30"},
	{"--from", "1.2.3.4", "stray"},
	{"--bogus"},
	{"--from"},
}

func TestConformance(t *testing.T) {
	visualtest.Conformance(t, New(), goodInputs, badInputs)
}

func TestExercises(t *testing.T) {
	visualtest.Exercises(t, New(), 50)
}

func TestGolden(t *testing.T) {
	visualtest.Golden(t, New(), "../testdata/golden", *update)
}

func TestSteps(t *testing.T) {
	visualtest.Steps(t, New())
}

// TestExamplesReachEveryStep: the default input and the examples alone,
// without the exercises' inputs, reach every step walk.go marks, overflow
// and underflow included.
func TestExamplesReachEveryStep(t *testing.T) {
	v := New()
	_, src := v.Source()
	marked := visual.StepLines(src)
	reached := map[string]bool{}
	for _, args := range append([][]string{v.DefaultArgs()}, v.Examples()...) {
		r, err := v.Run(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		for i := range r.Len() {
			reached[r.Frame(i).Step] = true
		}
	}
	for id := range marked {
		if !reached[id] {
			t.Errorf("no default or example input reaches step %q", id)
		}
	}
	for _, s := range []ipv4.Step{ipv4.StepOverflow, ipv4.StepUnderflow} {
		if !reached[string(s)] {
			t.Errorf("step %s not reached", s)
		}
	}
}

// TestParseFormat: Format writes an input Parse reads back as the same
// input, the words of a range always with its count.
func TestParseFormat(t *testing.T) {
	for _, args := range append(goodInputs, New().Examples()...) {
		in, err := parse(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		again, err := parse(in.args())
		if err != nil || again != in {
			t.Errorf("%q: formatted %q, parsed back %+v, %v; want %+v", args, in.args(), again, err, in)
		}
	}
	in, _ := parse([]string{"--from", "1.2.3.4"})
	if got := visual.JoinArgs(in.args()); got != "--from 1.2.3.4 --count 4" {
		t.Errorf("a range without --count formats as %q", got)
	}
	in, _ = parse([]string{"--cidr", "1.2.3.5/30", "--reverse"})
	if got := visual.JoinArgs(in.args()); got != "--cidr 1.2.3.5/30 --reverse" {
		t.Errorf("a whole block formats as %q", got)
	}
}

// want is the solution's output on args, walked here with the package's
// iterators directly, independently of the visual's own parsing.
func want(t *testing.T, from, cidr string, count int, reverse bool) []string {
	t.Helper()
	var seq iter.Seq[ipv4.Addr]
	if cidr != "" {
		p := ipv4.MustParsePrefix(cidr)
		seq = p.All()
		if reverse {
			seq = p.Backward()
		}
	} else {
		a := ipv4.MustParseAddr(from)
		seq = ipv4.Range(a, count)
		if reverse {
			seq = ipv4.RangeBackward(a, count)
		}
	}
	var out []string
	for s := range ipv4.Strings(seq) {
		out = append(out, s)
		if count > 0 && len(out) == count {
			break
		}
	}
	return out
}

// netipWant is want computed with net/netip alone, which knows nothing of
// the solution: count addresses from from (all of a block's when count is
// 0), upward or downward, stopping at an end of the address space.
func netipWant(t *testing.T, from, cidr string, count int, reverse bool) []string {
	t.Helper()
	var a netip.Addr
	if cidr != "" {
		p := netip.MustParsePrefix(cidr).Masked()
		a = p.Addr()
		if reverse {
			// The last address: the network with every host bit set.
			b := a.As4()
			for i := p.Bits(); i < 32; i++ {
				b[i/8] |= 0x80 >> (i % 8)
			}
			a = netip.AddrFrom4(b)
		}
		if n := 1 << (32 - p.Bits()); count == 0 || count > n {
			count = n
		}
	} else {
		a = netip.MustParseAddr(from)
	}
	next := netip.Addr.Next // the zero, invalid Addr after 255.255.255.255
	if reverse {
		next = netip.Addr.Prev
	}
	var out []string
	for ; a.IsValid() && len(out) < count; a = next(a) {
		out = append(out, a.String())
	}
	return out
}

// TestLastFrameIsTheSolutionsOutput: the last frame's state ends with the
// addresses the walk yielded, which must be what the solution outputs, and
// so must Final; net/netip agrees.
func TestLastFrameIsTheSolutionsOutput(t *testing.T) {
	for _, tc := range []struct {
		from, cidr string
		count      int
		reverse    bool
		want       string // spot check, joined by spaces
	}{
		{"10.0.0.254", "", 4, false, "10.0.0.254 10.0.0.255 10.0.1.0 10.0.1.1"},
		{"10.255.255.255", "", 2, false, "10.255.255.255 11.0.0.0"},
		{"11.0.0.0", "", 2, true, "11.0.0.0 10.255.255.255"},
		{"255.255.255.254", "", 9, false, "255.255.255.254 255.255.255.255"},
		{"0.0.0.1", "", 9, true, "0.0.0.1 0.0.0.0"},
		{"", "192.168.1.0/30", 0, false, "192.168.1.0 192.168.1.1 192.168.1.2 192.168.1.3"},
		{"", "192.168.1.6/30", 0, true, "192.168.1.7 192.168.1.6 192.168.1.5 192.168.1.4"},
		{"", "10.9.8.7/8", 3, true, "10.255.255.255 10.255.255.254 10.255.255.253"},
		{"", "1.2.3.4/32", 0, false, "1.2.3.4"},
		{"", "172.16.0.0/23", 0, false, ""},
	} {
		var args []string
		if tc.cidr != "" {
			args = []string{"--cidr", tc.cidr}
		} else {
			args = []string{"--from", tc.from}
		}
		if tc.count > 0 {
			args = append(args, "--count", strconv.Itoa(tc.count))
		}
		if tc.reverse {
			args = append(args, "--reverse")
		}
		r, err := New().Run(args)
		if err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		w := want(t, tc.from, tc.cidr, tc.count, tc.reverse)
		if tc.want != "" && strings.Join(w, " ") != tc.want {
			t.Fatalf("%q: the solution gives %q, the test expects %q", args, w, tc.want)
		}
		if n := netipWant(t, tc.from, tc.cidr, tc.count, tc.reverse); !slices.Equal(n, w) {
			t.Fatalf("%q: the solution gives %q, net/netip %q", args, w, n)
		}
		state := r.State(r.Len() - 1)
		_, list, ok := strings.Cut(state, "yielded "+strconv.Itoa(len(w))+":\n")
		if !ok || list != strings.Join(w, "\n") {
			t.Errorf("%q: last frame state\n%s\nwant the list\n%s", args, state, strings.Join(w, "\n"))
		}
		if r.Final() != strings.Join(w, "\n") {
			t.Errorf("%q: Final %q, want %q", args, r.Final(), w)
		}
	}
}

func TestBadInputNamesTheValue(t *testing.T) {
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"--from", "10.0.0.256"}, `octet 4 "256" is over 255`},
		{[]string{"--from", "10.0.0.010"}, "leading zero"},
		{[]string{"--from", "1.2.3.4", "--count", "x"}, `count "x"`},
		{[]string{"--from", "1.2.3.4", "--count", "5000"}, "count 5000 is over 1024"},
		{[]string{"--cidr", "10.0.0.0/33"}, `"33" is over 32`},
		{[]string{"--cidr", "10.0.0.0/8"}, "10.0.0.0/8 holds 16777216 addresses"},
		{[]string{"--from", "1.2.3.4", "extra"}, `"extra"`},
		{[]string{"--nope"}, "nope"},
	} {
		_, err := New().Run(tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%q: error %v, want one naming %q", tc.args, err, tc.says)
		}
	}
}

// frameWith returns the first frame of r whose step is step.
func frameWith(t *testing.T, r visual.Run, step ipv4.Step) int {
	t.Helper()
	for i := range r.Len() {
		if r.Frame(i).Step == string(step) {
			return i
		}
	}
	t.Fatalf("no %s frame", step)
	return -1
}

func TestRenderShowsCarryAndBlock(t *testing.T) {
	plainTh := visual.NewTheme(true, true)
	r, err := New().Run([]string{"--from", "10.0.255.255", "--count", "2"})
	if err != nil {
		t.Fatal(err)
	}
	// The increment after two carries: octets 3 and 4 wrapped, the carry
	// arrows point left, octet 2 took the one.
	inc := frameWith(t, r, ipv4.StepIncrement)
	out := ansi.Strip(r.Render(inc, 80, 24, plainTh))
	if strings.Count(out, "255→0") != 2 || strings.Count(out, "←") != 2 || !strings.Contains(out, "+1") {
		t.Errorf("increment after two carries:\n%s", out)
	}
	if !strings.Contains(out, "│   1    │") {
		t.Errorf("octet 2 should read 1:\n%s", out)
	}
	// Backwards, the mirror image: two borrows wrap 0 to 255, the octet
	// that gave the one reads -1.
	r, err = New().Run([]string{"--from", "10.1.0.0", "--count", "2", "--reverse"})
	if err != nil {
		t.Fatal(err)
	}
	dec := frameWith(t, r, ipv4.StepDecrement)
	out = ansi.Strip(r.Render(dec, 80, 24, plainTh))
	if strings.Count(out, "0→255") != 2 || strings.Contains(out, "255→0") || !strings.Contains(out, "-1") || strings.Contains(out, "+1") {
		t.Errorf("decrement after two borrows:\n%s", out)
	}

	r, err = New().Run([]string{"--cidr", "192.168.1.5/30"})
	if err != nil {
		t.Fatal(err)
	}
	last := frameWith(t, r, ipv4.StepLast)
	out = ansi.Strip(r.Render(last, 80, 30, plainTh))
	for _, s := range []string{
		"& 255.255.255.252  11111111.11111111.11111111.11111100",
		"= 192.168.1.4      11000000.10101000.00000001.00000100",
		"| 0.0.0.3          00000000.00000000.00000000.00000011",
		"= 192.168.1.7      11000000.10101000.00000001.00000111",
		"NNNNNNNN.NNNNNNNN.NNNNNNNN.NNNNNNHH",
		"4 addresses in the block (2^2)",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("block panel lacks %q:\n%s", s, out)
		}
	}
	// In colour the N/H line gives way to shading, and a legend names it.
	colour := r.Render(last, 80, 30, visual.NewTheme(true, false))
	if strings.Contains(ansi.Strip(colour), "NNNNNN") || !strings.Contains(ansi.Strip(colour), "network bits (30)") {
		t.Errorf("colour block panel:\n%s", ansi.Strip(colour))
	}
}

func TestRenderYieldedKeepsNewest(t *testing.T) {
	r, err := New().Run([]string{"--from", "10.0.0.0", "--count", "300"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Frame(r.Len()-1).Step != string(ipv4.StepDone) {
		t.Fatalf("last step %s, want done", r.Frame(r.Len()-1).Step)
	}
	out := ansi.Strip(r.Render(r.Len()-2, 60, 14, visual.NewTheme(true, true)))
	if !strings.Contains(out, "[10.0.1.43]") || !strings.Contains(out, "earlier not shown") || strings.Contains(out[strings.Index(out, "yielded"):], " 10.0.0.0 ") {
		t.Errorf("the yielded list should end at the newest address:\n%s", out)
	}
}

func TestKnobReverses(t *testing.T) {
	v := New()
	knobs := v.Knobs()
	if len(knobs) != 1 || !slices.Contains(knobs[0].Keys(), "v") {
		t.Fatalf("knobs %+v", knobs)
	}
	args := []string{"--cidr", "10.0.0.0/30"}
	r, err := v.Run(args)
	if err != nil {
		t.Fatal(err)
	}
	turned, err := r.Turn(0, "v", 0)
	if err != nil || !slices.Contains(turned.Args, "--reverse") {
		t.Fatalf("turned %q to %q, %v", args, turned.Args, err)
	}
	r2, err := turned.Record()
	if err != nil || r2.Final() != "10.0.0.3\n10.0.0.2\n10.0.0.1\n10.0.0.0" {
		t.Fatalf("reversed run: %v %q", err, r2.Final())
	}
	back, err := r2.Turn(0, "v", 0)
	if err != nil || slices.Contains(back.Args, "--reverse") {
		t.Errorf("turning twice gives %q, %v", back.Args, err)
	}
	// The knob works on the typed input and leaves it as it was.
	in, _ := parse(args)
	before := in
	out, err := knobs0().Turn(in, nil, 0, "v")
	if err != nil || in != before || !out.reverse || out.block != in.block {
		t.Errorf("Turn(%+v) = %+v, %v; the input became %+v", before, out, err, in)
	}
}

// TestKnobWalksTheSameAddressesBack: v on a range walks back over the
// addresses it yielded, from the last, so the carry of the walk up is a
// borrow on the way down; at the top of the address space the walk back
// starts from where the walk stopped.
func TestKnobWalksTheSameAddressesBack(t *testing.T) {
	v := New()
	for _, tt := range []struct {
		args     []string
		up, down string
	}{
		{[]string{"--from", "10.0.255.254", "--count", "4"},
			"10.0.255.254\n10.0.255.255\n10.1.0.0\n10.1.0.1", "10.1.0.1\n10.1.0.0\n10.0.255.255\n10.0.255.254"},
		{[]string{"--from", "255.255.255.254", "--count", "5"},
			"255.255.255.254\n255.255.255.255", "255.255.255.255\n255.255.255.254\n255.255.255.253\n255.255.255.252\n255.255.255.251"},
	} {
		r, err := v.Run(tt.args)
		if err != nil {
			t.Fatal(err)
		}
		if r.Final() != tt.up {
			t.Fatalf("%q yields %q, want %q", tt.args, r.Final(), tt.up)
		}
		turned, err := r.Turn(0, "v", 0)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := turned.Record()
		if err != nil || r2.Final() != tt.down {
			t.Errorf("%q turned to %q yields %q, %v; want %q", tt.args, turned.Args, r2.Final(), err, tt.down)
		}
	}
	r, _ := v.Run([]string{"--from", "10.0.255.254", "--count", "4"})
	turned, _ := r.Turn(0, "v", 0)
	r2, _ := turned.Record()
	back, err := r2.Turn(0, "v", 0)
	if err != nil || strings.Join(back.Args, " ") != "--from 10.0.255.254 --count 4" {
		t.Errorf("v twice gives %q, %v; want the walk it started from", back.Args, err)
	}
	borrow := false
	for i := range r2.Len() {
		if s := r2.Frame(i).Step; strings.Contains(s, "borrow") {
			borrow = true
		}
	}
	if !borrow {
		t.Errorf("the walk back shows no borrow step")
	}
}

// knobs0 is the reverse knob as the Spec holds it.
func knobs0() visual.Knob[input, *recording] { return spec().Knobs[0] }

func TestExerciseAnswersLenient(t *testing.T) {
	for _, k := range New().Exercises() {
		if k.ID != "ipv4.count" {
			continue
		}
		e := k.New(rand.New(rand.NewPCG(1, 2)))
		n := e.Answer
		if !e.Check(n) {
			t.Fatalf("count %s refused", n)
		}
	}
	if n, ok := parseCount(" 4,096 "); !ok || n != 4096 {
		t.Errorf("4,096: %d %v", n, ok)
	}
	if n, ok := parseCount("2^12"); !ok || n != 4096 {
		t.Errorf("2^12: %d %v", n, ok)
	}
	if _, ok := parseCount("3^2"); ok {
		t.Error("3^2 accepted")
	}
	if !checkAddr(ipv4.MustParseAddr("10.0.1.0"))(" 10. 0 .1.0 ") {
		t.Error("spaces inside a dotted answer refused")
	}
	if checkAddr(ipv4.MustParseAddr("10.0.1.0"))("10.0.1.00") {
		t.Error("a wrong form accepted")
	}
}

func TestShortPaneKeepsYieldedInView(t *testing.T) {
	r, err := New().Run([]string{"--cidr", "10.0.255.254/23", "--count", "3"})
	if err != nil {
		t.Fatal(err)
	}
	y := frameWith(t, r, ipv4.StepYield) + 2 // the second yield
	short := ansi.Strip(r.Render(y, 50, 16, visual.NewTheme(true, true)))
	if !strings.Contains(short, "512 addresses: 10.0.254.0 to 10.0.255.255") || !strings.Contains(short, "[10.0.254.1]") {
		t.Errorf("short pane should fold the block and keep the list:\n%s", short)
	}
	tall := ansi.Strip(r.Render(y, 80, 40, visual.NewTheme(true, true)))
	if !strings.Contains(tall, "= 10.0.254.0") || !strings.Contains(tall, "[10.0.254.1]") {
		t.Errorf("tall pane should show the whole block and the list:\n%s", tall)
	}
}

func BenchmarkRender(b *testing.B) {
	r, err := New().Run([]string{"--cidr", "10.0.0.0/22"})
	if err != nil {
		b.Fatal(err)
	}
	th := visual.NewTheme(true, false)
	i := 0
	for b.Loop() {
		_ = r.Render(i%r.Len(), 80, 24, th) // a new frame each time: no cache hit
		i += 97
	}
}

func BenchmarkRecord(b *testing.B) {
	v := New()
	args := []string{"--cidr", "10.0.0.0/22"}
	for b.Loop() {
		if _, err := v.Run(args); err != nil {
			b.Fatal(err)
		}
	}
}
