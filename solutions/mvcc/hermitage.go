package mvcc

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed testdata/hermitage/innodb/*.sql testdata/hermitage/postgres/*.sql
var hermitageFS embed.FS

// Anomalies is Hermitage's anomalies in the order of its table's columns.
var Anomalies = []string{"G0", "G1a", "G1b", "G1c", "OTV", "PMP", "P4", "G-single", "G2-item", "G2"}

// Case is one of Hermitage's tests as we transcribed it: a script written
// for one engine at one level, what Hermitage saw each statement do, and
// which outcomes would show the anomaly.
type Case struct {
	Engine    Engine
	Name      string // e.g. "g-single-write.rr"
	Anomaly   string // one of Anomalies
	Level     Level  // the level Hermitage ran it at
	Prevented bool   // what Hermitage says of that level
	// ReadOnly marks the tests of an anomaly on a read-only transaction:
	// a level that prevents those but not the others is "R/O" in the table.
	ReadOnly bool
	Text     string
	Script   *Script
	Expect   []Expect // one per statement of Script
}

// Expect is what a case's statement is expected to do, and what of it
// would show the anomaly, written in brackets after the session's name:
// [blocks], [-> 1 => 10, 2 => 20], [error: text], [anomaly if ROWS | ROWS],
// [anomaly unless ROWS | ROWS], [anomaly if committed].
type Expect struct {
	Blocks  bool
	HasRows bool
	Rows    []Row
	Err     string
	// The anomaly shows when every statement with a condition meets it:
	// it returned one of If, or none of Unless, or its transaction
	// committed.
	If, Unless [][]Row
	Committed  bool
}

func (e Expect) conditioned() bool { return e.If != nil || e.Unless != nil || e.Committed }

// Short is the case's name without the level Hermitage ran it at, e.g.
// "g-single-write".
func (c Case) Short() string { return strings.TrimSuffix(c.Name, path.Ext(c.Name)) }

// Hermitage is every transcribed case of both engines, in file order.
// The cases share their parsed scripts: do not change them.
func Hermitage() []Case { return slices.Clone(loadHermitage()) }

var loadHermitage = sync.OnceValue(func() []Case {
	var out []Case
	for _, e := range []Engine{Postgres, InnoDB} {
		dir := "testdata/hermitage/" + map[Engine]string{InnoDB: "innodb", Postgres: "postgres"}[e]
		ents, _ := fs.ReadDir(hermitageFS, dir)
		for _, ent := range ents {
			b, _ := fs.ReadFile(hermitageFS, dir+"/"+ent.Name())
			c, err := parseCase(e, strings.TrimSuffix(ent.Name(), ".sql"), string(b))
			if err != nil {
				panic("mvcc: " + dir + "/" + ent.Name() + ": " + err.Error())
			}
			out = append(out, c)
		}
	}
	return out
})

func parseCase(e Engine, name, text string) (Case, error) {
	c := Case{Engine: e, Name: name, Text: text}
	for _, ln := range strings.Split(text, "\n") {
		h, ok := strings.CutPrefix(ln, "-- ")
		if !ok {
			continue
		}
		k, v, _ := strings.Cut(h, ":")
		v = strings.TrimSpace(v)
		switch k {
		case "anomaly":
			c.Anomaly = v
		case "level":
			l, err := ParseLevel(v)
			if err != nil {
				return c, err
			}
			c.Level = l
		case "prevented":
			c.Prevented = v == "yes"
		case "read-only":
			c.ReadOnly = true
		}
	}
	if !slices.Contains(Anomalies, c.Anomaly) || c.Level == 0 {
		return c, fmt.Errorf("no anomaly or level")
	}
	s, err := ParseScript(text)
	if err != nil {
		return c, err
	}
	c.Script = s
	for _, l := range s.Lines {
		x, err := parseExpect(l.Note)
		if err != nil {
			return c, fmt.Errorf("line %d: %v", l.N, err)
		}
		c.Expect = append(c.Expect, x)
	}
	return c, nil
}

func parseExpect(note string) (Expect, error) {
	var x Expect
	for {
		i := strings.IndexByte(note, '[')
		if i < 0 {
			return x, nil
		}
		j := strings.IndexByte(note[i:], ']')
		if j < 0 {
			return x, fmt.Errorf("unclosed [ in %q", note)
		}
		tag := note[i+1 : i+j]
		note = note[i+j+1:]
		switch {
		case tag == "blocks":
			x.Blocks = true
		case strings.HasPrefix(tag, "-> "):
			rows, err := ParseRows(tag[3:])
			if err != nil {
				return x, err
			}
			x.HasRows, x.Rows = true, rows
		case strings.HasPrefix(tag, "error: "):
			x.Err = tag[7:]
		case tag == "anomaly if committed":
			x.Committed = true
		case strings.HasPrefix(tag, "anomaly if "), strings.HasPrefix(tag, "anomaly unless "):
			unless := strings.HasPrefix(tag, "anomaly unless ")
			alts := [][]Row{}
			for _, a := range strings.Split(strings.TrimPrefix(strings.TrimPrefix(tag, "anomaly if "), "anomaly unless "), "|") {
				rows, err := ParseRows(a)
				if err != nil {
					return x, err
				}
				alts = append(alts, rows)
			}
			if unless {
				x.Unless = alts
			} else {
				x.If = alts
			}
		default:
			return x, fmt.Errorf("unknown tag [%s]", tag)
		}
	}
}

// Anomalous reports whether the outcome of running c shows its anomaly.
func (c Case) Anomalous(o *Outcome) bool {
	conditioned := false
	for i, x := range c.Expect {
		if !x.conditioned() {
			continue
		}
		conditioned = true
		r := o.Results[i]
		returned := !r.Pending && r.Err == ""
		switch {
		case x.Committed:
			if r.Txn < 0 || o.Txns[r.Txn].Status != StatusCommitted {
				return false
			}
		case x.If != nil:
			if !returned || !slices.ContainsFunc(x.If, func(a []Row) bool { return slices.Equal(a, r.Rows) }) {
				return false
			}
		case x.Unless != nil:
			if !returned || slices.ContainsFunc(x.Unless, func(a []Row) bool { return slices.Equal(a, r.Rows) }) {
				return false
			}
		}
	}
	return conditioned
}

// Verdict is a cell of Hermitage's table.
type Verdict string

// The verdicts.
const (
	Prevented    Verdict = "✓"
	NotPrevented Verdict = "—"
	ReadOnlyOnly Verdict = "R/O" // prevented for read-only transactions only
)

// Judge runs every case of the engine and anomaly at the level and says
// whether the level prevents the anomaly: a case shows it if its
// outcome is anomalous, and does not if the level blocks a session that
// the script goes on using (the interleaving cannot happen there).
func Judge(e Engine, l Level, anomaly string) (Verdict, error) {
	v, _, err := judge(e, l, anomaly)
	return v, err
}

func judge(e Engine, l Level, anomaly string) (Verdict, string, error) {
	var j judgement
	for _, c := range Hermitage() {
		if c.Engine != e || c.Anomaly != anomaly {
			continue
		}
		o, err := Run(c.Script, Options{Engine: e, Level: l})
		var be *BlockedError
		if errors.As(err, &be) {
			j.blocked = append(j.blocked, c.Short())
			continue
		}
		if err != nil {
			return "", "", fmt.Errorf("%s %s at %s: %v", e, c.Name, l, err)
		}
		bad := c.Anomalous(o)
		switch {
		case bad && c.ReadOnly:
			j.roBad = append(j.roBad, c.Short())
		case bad:
			j.rwBad = append(j.rwBad, c.Short())
		case c.ReadOnly:
			j.roGood = append(j.roGood, c.Short())
		default:
			j.good = append(j.good, c.Short())
		}
	}
	v, why := j.verdict()
	return v, why, nil
}

// TableObserved is Table, with an Event for each cell: Step StepVerdict,
// and the scripts that decided it in Explain.
func TableObserved(observe func(Event)) (string, error) {
	return table(observe)
}

// Table is Hermitage's summary table for both engines, computed by running
// every case at every level: one row per engine and level, one column per
// anomaly.
func Table() (string, error) { return table(nil) }

func table(observe func(Event)) (string, error) {
	var b strings.Builder
	label := 27
	fmt.Fprintf(&b, "%-*s", label, "engine and level")
	for _, a := range Anomalies {
		fmt.Fprintf(&b, " %s", a)
	}
	b.WriteByte('\n')
	for _, e := range []Engine{Postgres, InnoDB} {
		for _, l := range e.Levels() {
			fmt.Fprintf(&b, "%-*s", label, e.String()+" "+l.String())
			for _, a := range Anomalies {
				v, why, err := judge(e, l, a)
				if err != nil {
					return "", err
				}
				if observe != nil {
					observe(Event{Step: StepVerdict, Explain: fmt.Sprintf("%s %s, %s: %s %s.", e, l, a, v, why), State: State{Engine: e}})
				}
				fmt.Fprintf(&b, " %s%s", v, strings.Repeat(" ", utf8.RuneCountInString(a)-utf8.RuneCountInString(string(v))))
			}
			b.WriteString("\n")
		}
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Join(lines, "\n") + "\n", nil
}
