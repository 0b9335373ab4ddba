package tutor

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tutor/internal/quiz"
)

func TestParseConfig(t *testing.T) {
	lim := quiz.DefaultLimits
	text := "# caps\n\nnew = 5   # a day\n  MAX=0\n"
	if err := ParseConfig("c", text, &lim); err != nil || lim != (quiz.Limits{NewPerDay: 5, Max: 0}) {
		t.Errorf("%v %+v", err, lim)
	}
	for _, tc := range []struct{ text, want string }{
		{"new = 5\nmax = lots\n", `c:2: max = "lots": want a whole number from 0 to 10000`},
		{"\n\nnew 5\n", `c:3: "new 5" is not key = value (keys: max, new)`},
		{"speed = 3\n", `c:1: unknown key "speed" (keys: max, new)`},
		{"new = -1\n", `c:1: new = "-1": want a whole number from 0 to 10000`},
		{"max = 10001\n", `c:1: max = "10001": want a whole number from 0 to 10000`},
		{"new =\n", `c:1: new = "": want a whole number from 0 to 10000`},
	} {
		lim := quiz.DefaultLimits
		err := ParseConfig("c", tc.text, &lim)
		var u UsageError
		if !errors.As(err, &u) || err.Error() != tc.want || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v, want %s", tc.text, err, tc.want)
		}
	}
}

func TestConfigPathAndLimits(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": "relative/is/ignored", "HOME": dir}
	getenv := func(k string) string { return env[k] }
	if got, want := ConfigPath(getenv), filepath.Join(dir, ".config", "tutor", "config"); got != want {
		t.Errorf("path %s, want %s", got, want)
	}
	env["XDG_CONFIG_HOME"] = filepath.Join(dir, "xdg")
	path := filepath.Join(dir, "xdg", "tutor", "config")
	if got := ConfigPath(getenv); got != path {
		t.Errorf("path %s, want %s", got, path)
	}
	e := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Getenv: getenv, Now: time.Now}
	// No file: the defaults, then the flags.
	if lim, err := quizLimits(e, QuizFlags{}); err != nil || lim != quiz.DefaultLimits {
		t.Errorf("no file: %+v %v", lim, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("new = 7\nmax = 9\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	three := 3
	if lim, err := quizLimits(e, QuizFlags{Max: &three}); err != nil || lim != (quiz.Limits{NewPerDay: 7, Max: 3}) {
		t.Errorf("file and --max 3: %+v %v", lim, err)
	}
	// A bad file stops the app before it needs a terminal, naming the line.
	if err := os.WriteFile(path, []byte("new = 7\nmax = nine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := App(e, Options{State: t.TempDir()}, "", true, "")
	var u UsageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), path+`:2: max = "nine"`) {
		t.Errorf("a bad config: %v", err)
	}
}
