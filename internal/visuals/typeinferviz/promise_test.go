package typeinferviz

import (
	"math/rand/v2"
	"strings"
	"testing"

	"tutor/internal/visual/visualtest"
	"tutor/solutions/typeinfer"
)

// TestExercisesKeepTheirTitles: "what does this call return?" and "what
// is the generic bound to?" ask of well-typed calls, whose return type
// needs the walk (it holds a generic) and whose generic a parameter
// binds; "which error, and where?" of calls the solution refuses. Each
// answer is the solution's, read back by its parser.
func TestExercisesKeepTheirTitles(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range exercises {
		for range 300 {
			e := k.New(r)
			in, err := parse(e.Args)
			if err != nil {
				t.Fatalf("%s: Args %q: %v", k.ID, e.Args, err)
			}
			_, callErr := typeinfer.InferReturn(in.fn, in.args)
			switch k.ID {
			case "typeinfer.returns", "typeinfer.binding":
				if callErr != nil {
					t.Errorf("%s asks of an ill-typed call: %s: %v", k.ID, e.Question, callErr)
				}
				if _, err := typeinfer.Parse(e.Answer); err != nil {
					t.Errorf("%s: the answer %q is not a type: %v", k.ID, e.Answer, err)
				}
			case "typeinfer.error":
				if callErr == nil || !strings.HasPrefix(e.Answer, callErr.(*typeinfer.InferError).Kind.String()) {
					t.Errorf("%s: %s: answer %q, the solution says %v", k.ID, e.Question, e.Answer, callErr)
				}
			}
			if k.ID == "typeinfer.returns" && len(in.fn.Return.Generics()) == 0 {
				t.Errorf("%s: the return type %s holds no generic: no walk needed", k.ID, in.fn.Return)
			}
			if k.ID == "typeinfer.binding" {
				g := strings.TrimSuffix(e.Question[strings.LastIndex(e.Question, "bind ")+len("bind "):], " to?")
				held := false
				for _, p := range in.fn.Params {
					for _, h := range p.Generics() {
						held = held || h == g
					}
				}
				if !held {
					t.Errorf("%s: no parameter holds %s: %s", k.ID, g, e.Question)
				}
			}
		}
	}
}

// TestExerciseHints: a near-right form gets a hint, a well-formed answer
// none.
func TestExerciseHints(t *testing.T) {
	typ := map[string]string{
		"(int, str)":        "square brackets",
		"int, str":          "square brackets",
		"[int] -> str":      "without the function's arrow",
		"[int, str":         "a type as the call does",
		"[qqq, [zzz, www]]": "",
		"zzz":               "",
	}
	visualtest.Hints(t, exercises, map[string]map[string]string{
		"typeinfer.returns": typ,
		"typeinfer.binding": typ,
		"typeinfer.error": {
			"type conflict":                       "say where too",
			"conflict at param 1":                 "start with the error's kind",
			"it does not type":                    "start with the error's kind",
			"unbound generic: return → [9] → [9]": "",
			"argument count: nowhere":             "",
		},
	}, 30)
}
