package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tutor/internal/tutor"
)

// TestQuizFlagsAndConfigErrors: a bad --new or --max, or a bad line of
// the config file, is one line on stderr naming it, and exit status 2.
func TestQuizFlagsAndConfigErrors(t *testing.T) {
	cfg := t.TempDir()
	if err := os.MkdirAll(filepath.Join(cfg, "tutor"), 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(cfg, "tutor", "config"), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		config string
		args   []string
		want   string
	}{
		{"", []string{"quiz", "--new", "x"}, `quiz --new "x": want a whole number from 0 to 10000`},
		{"", []string{"quiz", "tcp", "--max", "-2"}, `quiz --max "-2": want a whole number from 0 to 10000`},
		{"", []string{"quiz", "--max", "3", "tcp", "ipv4"}, `quiz takes at most one lesson id, got also "ipv4"`},
		{"", []string{"quiz", "--fast"}, `quiz: --fast: no such option`},
		{"", []string{"quiz", "--max", "3", "nope"}, `unknown lesson "nope"`},
		{"", []string{"quiz", "tcp", "--new", "0", "--max", "0"}, "no terminal to draw on"},
		{"new = 5\n# max\nmax = many\n", []string{"quiz"}, filepath.Join(cfg, "tutor", "config") + `:3: max = "many": want a whole number`},
		{"colour = blue\n", []string{}, `config:1: unknown key "colour"`},
		// The flag does not hide a bad file: the file is read first.
		{"max 3\n", []string{"quiz", "--max", "4"}, `config:1: "max 3" is not key = value`},
	} {
		write(tc.config)
		var out, errb strings.Builder
		e := tutor.Env{Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return cfg
			}
			return ""
		}, Now: time.Now}
		code := run(tc.args, e)
		if code != 2 || !strings.Contains(errb.String(), tc.want) || strings.Count(errb.String(), "\n") != 1 || out.Len() > 0 {
			t.Errorf("tutor %q with config %q: exit %d, stderr %q, want %q", tc.args, tc.config, code, errb.String(), tc.want)
		}
	}
}
