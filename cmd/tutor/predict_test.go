package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tutor/internal/review"
	"tutor/internal/visuals"
)

func TestQuizPredictUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"quiz", "--predict"}, "quiz --predict needs a lesson id"},
		{[]string{"quiz", "--predict", "redis"}, "lesson redis has no live visualization to predict the steps of"},
		{[]string{"quiz", "--predict", "tpc"}, `unknown lesson "tpc" (did you mean tcp?)`},
		{[]string{"quiz", "tcp", "--predict", "--max", "3"}, "quiz --predict takes no --new or --max"},
		{[]string{"quiz", "--predict", "tree"}, "no terminal to draw on"},
	} {
		code, _, errs := cli(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("tutor %q: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

// explanations are the sentences of tutor trace's steps, by step number
// from 1: the oracle of what the solution does next.
func explanations(t *testing.T, bin string, args ...string) map[int]string {
	t.Helper()
	out, err := exec.Command(bin, append([]string{"trace"}, args...)...).Output()
	if err != nil {
		t.Fatalf("tutor trace %q: %v", args, err)
	}
	m := map[int]string{}
	blocks := regexp.MustCompile(`(?m)^step (\d+)/\d+  \S+\n  (.*)$`).FindAllStringSubmatch(string(out), -1)
	for _, b := range blocks {
		n := 0
		for _, c := range b[1] {
			n = n*10 + int(c-'0')
		}
		m[n] = b[2]
	}
	return m
}

// choicesOn reads the numbered choices off a screen of the narrow lesson:
// each starts "N " inside the pane's border and goes on in lines indented
// by two.
func choicesOn(screen string) []string {
	var out []string
	for _, line := range strings.Split(screen, "\n") {
		line = strings.TrimRight(strings.Trim(line, "║┃│"), " ")
		switch {
		case regexp.MustCompile(`^[1-4] `).MatchString(line):
			out = append(out, line[2:])
		case len(out) > 0 && strings.HasPrefix(line, "  ") && strings.TrimSpace(line) != "":
			out[len(out)-1] += " " + strings.TrimSpace(line)
		case strings.HasPrefix(line, "predict:"):
			return out
		}
	}
	return out
}

// TestEndToEndPredictInTmux runs tutor quiz --predict ipv4 in tmux: the
// lesson opens on the question about step 2, judged by the step tutor
// trace prints; a right answer and a wrong one are on screen and in the
// review log as reviews of ipv4.predict.
func TestEndToEndPredictInTmux(t *testing.T) {
	bin := buildBinary(t)
	v, _ := visuals.Lookup("ipv4")
	truth := explanations(t, bin, append([]string{"ipv4"}, v.DefaultArgs()...)...)
	state := t.TempDir()
	s := startTmux(t, 90, 30, bin, "--state", state, "quiz", "--predict", "ipv4")
	for i, right := range []bool{true, false} {
		at := i + 1
		screen := s.waitFor(`What happens after step ` + string(rune('0'+at)) + `\?`)
		choices := choicesOn(screen)
		pick := -1
		for k, c := range choices {
			if (c == truth[at+1]) == right && pick < 0 {
				pick = k
			}
		}
		if len(choices) < 2 || pick < 0 {
			t.Fatalf("step %d: choices %q, the solution's next step %q; the screen:\n%s", at+1, choices, truth[at+1], screen)
		}
		s.keys(string(rune('1' + pick)))
		if right {
			s.waitFor(`✓ predicted`)
			s.waitFor(`predict: 1 of 1 predicted`)
			s.keys("l")
		} else {
			s.waitFor(`✗ not predicted · you chose ` + string(rune('1'+pick)))
			s.waitFor(`predict: 1 of 2 predicted`)
		}
	}
	s.keys("q")
	s.waitExit()
	recs, warns, err := review.ReadLog(state)
	if err != nil || len(warns) > 0 || len(recs) != 2 {
		t.Fatalf("the log: %v, %v, %v", recs, warns, err)
	}
	if recs[0].Card != "ipv4.predict" || recs[0].Grade != review.Good || recs[1].Card != "ipv4.predict" || recs[1].Grade != review.Again {
		t.Errorf("the log holds %+v", recs)
	}
	if _, err := os.Stat(filepath.Join(state, review.LogName)); err != nil {
		t.Error(err)
	}
}
