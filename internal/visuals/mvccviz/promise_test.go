package mvccviz

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"

	"tutor/internal/visual/visualtest"
	"tutor/solutions/mvcc"
)

// line is the line number and session a question's "What does T2's
// select on line 7 show?" names.
var selectOn = regexp.MustCompile(`What does (\S+)'s select on line (\d+) show\?`)

// TestExercisesKeepTheirTitles: "what a select shows" names a line of the
// listing that is that session's select; "which statement blocks" asks of
// a run where one blocks, the line the engine reports blocked first; "the
// weakest level that prevents an anomaly" answers with a level at which
// the engine prevents it and below which it does not.
func TestExercisesKeepTheirTitles(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	for _, k := range exercises {
		for range 100 {
			e := k.New(r)
			switch k.ID {
			case "mvcc.select-shows":
				m := selectOn.FindStringSubmatch(e.Question)
				n, _ := strconv.Atoi(m[2])
				if m == nil || !regexp.MustCompile(fmt.Sprintf(`(?m)^%3d  %s  select `, n, regexp.QuoteMeta(m[1]))).MatchString(e.Question) {
					t.Errorf("%s: the line named is not that session's select:\n%s", k.ID, e.Question)
				}
			case "mvcc.which-blocks":
				n, err := strconv.Atoi(e.Answer)
				if err != nil || !regexp.MustCompile(fmt.Sprintf(`(?m)^%3d  `, n)).MatchString(e.Question) {
					t.Errorf("%s: answer %q is not a line of the listing:\n%s", k.ID, e.Answer, e.Question)
				}
			case "mvcc.first-level":
				want, err := mvcc.ParseLevel(e.Answer)
				if err != nil {
					t.Fatalf("%s: answer %q is not a level: %v", k.ID, e.Answer, err)
				}
				var c mvcc.Case
				for _, h := range mvcc.Hermitage() {
					if h.Name == e.Args[len(e.Args)-1] && engineWord(h.Engine) == e.Args[1] {
						c = h
					}
				}
				if c.Name == "" {
					t.Fatalf("%s: Args %q name no Hermitage case", k.ID, e.Args)
				}
				for _, l := range c.Engine.Levels() {
					v, err := mvcc.Judge(c.Engine, l, c.Anomaly)
					if err != nil {
						t.Fatal(err)
					}
					if l < want && v == mvcc.Prevented || l == want && v != mvcc.Prevented {
						t.Errorf("%s: %s %s at %s: %v, and the answer is %s", k.ID, c.Engine, c.Anomaly, l, v, want)
					}
				}
			}
		}
	}
}

// TestExerciseHints: a near-right form gets a hint, a well-formed answer
// none.
func TestExerciseHints(t *testing.T) {
	visualtest.Hints(t, exercises, map[string]map[string]string{
		"mvcc.select-shows": {"1: 10": "id => value", "{1 => 10}": "id => value", "1=10, 2=20": "id => value", "7 => 70": "", "(no rows)": ""},
		"mvcc.which-blocks": {"T2": "not the session", "line four": "in digits", "99": ""},
		"mvcc.first-level":  {"snapshot": "ru, rc, rr or ser", "level 2": "ru, rc, rr or ser", "read committed": ""},
	}, 20)
}
