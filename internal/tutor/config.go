package tutor

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"tutor/internal/quiz"
)

// QuizFlags are the caps given to tutor quiz on the command line (--new N,
// --max N); a nil field was not given. They override the config file.
type QuizFlags struct {
	New, Max *int
}

// ConfigName is the config file's name in the tutor folder of the XDG
// config directory.
const ConfigName = "config"

// ConfigPath is where the config file is: $XDG_CONFIG_HOME/tutor/config
// when XDG_CONFIG_HOME is an absolute path, else ~/.config/tutor/config.
// It is "" when HOME is not an absolute path either: then there is no
// config file.
func ConfigPath(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "tutor", ConfigName)
	}
	home := getenv("HOME")
	if !filepath.IsAbs(home) {
		return ""
	}
	return filepath.Join(home, ".config", "tutor", ConfigName)
}

// configKeys are the keys the config file takes, and what they set.
var configKeys = map[string]func(*quiz.Limits, int){
	"new": func(l *quiz.Limits, n int) { l.NewPerDay = n },
	"max": func(l *quiz.Limits, n int) { l.Max = n },
}

// ParseConfig reads a config file: one "key = value" a line; blank lines
// and lines starting with # are ignored, and so is anything after a # that
// follows the value. The keys are
//
//	new = 20   new cards a day (0: none)
//	max = 50   cards a session (0: no cap)
//
// each a whole number from 0 to quiz.MaxLimit. A bad line is an error
// naming the file (name) and the line: "config:3: ...".
func ParseConfig(name, text string, lim *quiz.Limits) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		bad := func(format string, a ...any) error {
			return Usagef("%s:%d: %s", name, n, fmt.Sprintf(format, a...))
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return bad("%q is not key = value (keys: max, new)", line)
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		set, known := configKeys[strings.ToLower(k)]
		if !known {
			return bad("unknown key %q (keys: max, new)", k)
		}
		x, err := limitValue(v)
		if err != nil {
			return bad("%s = %q: %v", k, v, err)
		}
		set(lim, x)
	}
	if err := sc.Err(); err != nil {
		return Usagef("%s: %v", name, err)
	}
	return nil
}

// limitValue parses a cap: a whole number from 0 to quiz.MaxLimit.
func limitValue(s string) (int, error) {
	x, err := strconv.Atoi(s)
	if err != nil || x < 0 || x > quiz.MaxLimit {
		return 0, fmt.Errorf("want a whole number from 0 to %d", quiz.MaxLimit)
	}
	return x, nil
}

// quizLimits is the caps of quiz sessions: quiz.DefaultLimits, then the
// config file (when there is one), then the flags.
func quizLimits(e Env, f QuizFlags) (quiz.Limits, error) {
	lim := quiz.DefaultLimits
	if path := ConfigPath(e.Getenv); path != "" {
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			if err := ParseConfig(path, string(b), &lim); err != nil {
				return lim, err
			}
		case errors.Is(err, fs.ErrNotExist):
		default:
			return lim, Usagef("config %s: %v", path, errors.Unwrap(err))
		}
	}
	if f.New != nil {
		lim.NewPerDay = *f.New
	}
	if f.Max != nil {
		lim.Max = *f.Max
	}
	return lim, nil
}

// ParseQuizFlag parses the value of --new or --max.
func ParseQuizFlag(name, value string) (*int, error) {
	x, err := limitValue(value)
	if err != nil {
		return nil, Usagef("quiz --%s %q: %v", name, value, err)
	}
	return &x, nil
}
