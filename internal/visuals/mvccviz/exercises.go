package mvccviz

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/mvcc"
)

// exercises are the generated quiz exercises, each graded by the engine.
var exercises = []visual.ExerciseKind{
	{ID: "mvcc.select-shows", Title: "what a select shows", New: newSelectShows},
	{ID: "mvcc.which-blocks", Title: "which statement blocks", New: newWhichBlocks},
	{ID: "mvcc.first-level", Title: "the weakest level that prevents an anomaly", New: newFirstLevel},
}

func engineWord(e mvcc.Engine) string {
	if e == mvcc.Postgres {
		return "postgres"
	}
	return "innodb"
}

// draw picks a Hermitage case and a level of its engine, and runs it.
func draw(r *rand.Rand) (mvcc.Case, mvcc.Level, *mvcc.Outcome, bool) {
	cs := mvcc.Hermitage()
	for {
		c := cs[r.IntN(len(cs))]
		ls := c.Engine.Levels()
		l := ls[r.IntN(len(ls))]
		o, err := mvcc.Run(c.Script, mvcc.Options{Engine: c.Engine, Level: l})
		var be *mvcc.BlockedError
		if err == nil || errors.As(err, &be) {
			return c, l, o, err == nil
		}
	}
}

// listing is the script as the question shows it: line, session,
// statement.
func listing(c mvcc.Case) string {
	var b strings.Builder
	for _, l := range c.Script.Lines {
		if l.Stmt.Kind == mvcc.KindSetLevel {
			continue
		}
		fmt.Fprintf(&b, "%3d  %s  %s;\n", l.N, l.Session, l.Stmt)
	}
	return b.String()
}

func args(c mvcc.Case, l mvcc.Level) []string {
	return []string{"--engine", engineWord(c.Engine), "--level", l.Short(), "--script", c.Name}
}

// squash is an answer without case and spaces.
func squash(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

func newSelectShows(r *rand.Rand) visual.Exercise {
	for {
		c, l, o, ok := draw(r)
		if !ok {
			continue
		}
		var picks []mvcc.Result
		for _, x := range o.Results {
			if x.Stmt.Kind == mvcc.KindSelect && x.Done && x.Err == "" {
				picks = append(picks, x)
			}
		}
		if len(picks) == 0 {
			continue
		}
		x := picks[r.IntN(len(picks))]
		want := mvcc.FormatRows(x.Rows)
		return visual.Exercise{
			Question: fmt.Sprintf("At %s in %s, every session runs this script:\n\n%s\nWhat does %s's select on line %d show? Rows as id => value, comma-separated, or (no rows).", l, c.Engine, listing(c), x.Session, x.Line),
			Answer:   want,
			Check: func(a string) bool {
				a = squash(a)
				if a == "norows" || a == "none" || a == "nothing" {
					a = "(norows)"
				}
				return a != "" && a == squash(want)
			},
			Hint: rowsHint,
			Args: args(c, l),
		}
	}
}

// newWhichBlocks asks which statement is the first to block, of a run
// where one does: the title promises a statement that blocks.
func newWhichBlocks(r *rand.Rand) visual.Exercise {
	for {
		c, l, o, _ := draw(r)
		want := ""
		for _, x := range o.Results {
			if x.Blocked {
				want = strconv.Itoa(x.Line)
				break
			}
		}
		if want == "" {
			continue
		}
		return visual.Exercise{
			Question: fmt.Sprintf("At %s in %s, every session runs this script:\n\n%s\nOne statement waits for a lock. Which line is the first whose statement blocks? A line number.", l, c.Engine, listing(c)),
			Answer:   want,
			Check: func(a string) bool {
				a = squash(a)
				return a != "" && a == want
			},
			Hint: lineHint,
			Args: args(c, l),
		}
	}
}

func newFirstLevel(r *rand.Rand) visual.Exercise {
	e := []mvcc.Engine{mvcc.InnoDB, mvcc.Postgres}[r.IntN(2)]
	a := mvcc.Anomalies[r.IntN(len(mvcc.Anomalies))]
	var want mvcc.Level
	for _, l := range e.Levels() {
		if v, err := mvcc.Judge(e, l, a); err == nil && v == mvcc.Prevented {
			want = l
			break
		}
	}
	var c mvcc.Case
	for _, k := range mvcc.Hermitage() {
		if k.Engine == e && k.Anomaly == a {
			c = k
			break
		}
	}
	return visual.Exercise{
		Question: fmt.Sprintf("Which is the weakest isolation level of %s that prevents %s, as Hermitage's scripts test it? (ru, rc, rr or ser; R/O does not count)", e, a),
		Answer:   want.Short(),
		Check: func(s string) bool {
			l, err := mvcc.ParseLevel(strings.ToLower(strings.TrimSpace(s)))
			return err == nil && l == want
		},
		Hint: levelHint,
		Args: args(c, want),
	}
}

// rowsPattern is an answer of rows as FormatRows writes them, squashed.
var rowsPattern = regexp.MustCompile(`^(\(norows\)|norows|none|nothing|-?\d+=>-?\d+(,-?\d+=>-?\d+)*)$`)

// rowsHint says what to change in an answer that is not rows written as
// id => value; "" for such an answer, right or wrong.
func rowsHint(s string) string {
	if a := squash(s); a == "" || rowsPattern.MatchString(a) {
		return ""
	}
	return "write the rows as id => value, comma-separated (1 => 10, 2 => 20), or (no rows)"
}

// lineHint says what to change in an answer that is not a line number;
// "" for one, right or wrong.
func lineHint(s string) string {
	a := squash(s)
	if _, err := strconv.Atoi(a); err == nil || a == "" {
		return ""
	}
	if strings.HasPrefix(a, "t") {
		return "give the script's line number, not the session: e.g. 4"
	}
	return "write the line number alone, in digits: e.g. 4"
}

// levelHint says what to change in an answer that is not an isolation
// level; "" for one, right or wrong.
func levelHint(s string) string {
	if _, err := mvcc.ParseLevel(strings.TrimSpace(s)); err == nil || strings.TrimSpace(s) == "" {
		return ""
	}
	return "name one level: ru, rc, rr or ser (read uncommitted, read committed, repeatable read, serializable)"
}
