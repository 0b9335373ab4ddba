package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tutor/content"
	"tutor/internal/lessons"
	"tutor/internal/tutor"
	"tutor/internal/visuals"
)

// cli runs the command line without a terminal and returns its exit
// status, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb strings.Builder
	e := tutor.Env{Stdout: &out, Stderr: &errb, TTY: false, Getenv: func(string) string { return "" }, Now: time.Now}
	code := run(args, e)
	if strings.Contains(errb.String(), "panic") || strings.Contains(errb.String(), "goroutine") {
		t.Fatalf("tutor %q panicked:\n%s", args, errb.String())
	}
	return code, out.String(), errb.String()
}

func TestList(t *testing.T) {
	code, out, _ := cli(t, "list")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(cat.Lessons()) {
		t.Fatalf("%d lines for %d lessons:\n%s", len(lines), len(cat.Lessons()), out)
	}
	for i, l := range cat.Lessons() {
		if f := strings.Fields(lines[i]); len(f) < 2 || f[0] != l.ID || !strings.Contains(lines[i], l.Title) {
			t.Errorf("line %d %q, want %s and %q", i, lines[i], l.ID, l.Title)
		}
	}
}

func TestRender(t *testing.T) {
	code, out, errs := cli(t, "render", "tcp", "--width", "60", "--plain")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "TIME-WAIT") || strings.Contains(out, "\x1b[") || strings.Contains(out, "**") {
		t.Errorf("plain render of tcp lacks the text, has escapes or has ** markers")
	}
	for i, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 60 {
			t.Errorf("line %d is %d wide: %q", i, n, line)
		}
	}
	// The flags may come first.
	if code, _, _ := cli(t, "render", "--width", "100", "mvcc"); code != 0 {
		t.Errorf("render --width 100 mvcc: exit %d", code)
	}
}

func TestUsageErrorsExit2WithOneLine(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "tpc"}, `unknown lesson "tpc" (did you mean tcp?)`},
		{[]string{"open", "mvc"}, `unknown lesson "mvc" (did you mean mvcc`},
		{[]string{"open"}, "open takes one lesson id"},
		{[]string{"render"}, "render takes a lesson id"},
		{[]string{"render", "tcp", "--width", "5"}, "--width 5: want 20 to 1000"},
		{[]string{"render", "tcp", "--width", "x"}, `render: --width "x": want a whole number`},
		{[]string{"render", "tcp", "mvcc"}, `got also "mvcc"`},
		{[]string{"quiz", "nope"}, `unknown lesson "nope"`},
		{[]string{"list", "extra"}, `list takes no arguments`},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"--bogus"}, "--bogus: no such option (see tutor --help)"},
		{[]string{"trace"}, "trace takes a visual"},
		{[]string{"trace", "nope"}, `unknown visual "nope"`},
		{[]string{}, "no terminal to draw on"},
		{[]string{"open", "tcp"}, "no terminal to draw on"},
		{[]string{"quiz"}, "no terminal to draw on"},
		{[]string{"--notes", "/does/not/exist", "list"}, "--notes /does/not/exist"},
		// A finding: exit 1 and the path twice, with the package's name.
		{[]string{"--state", "/dev/null/x", "stats"}, "--state /dev/null/x: not a folder (a part of the path is a file)"},
		{[]string{"--state", "/dev/null", "stats"}, "--state /dev/null: not a folder"},
	}
	for _, tt := range tests {
		code, out, errs := cli(t, tt.args...)
		if code != 2 {
			t.Errorf("tutor %q: exit %d, want 2 (stderr %q)", tt.args, code, errs)
		}
		if !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "tutor: ") {
			t.Errorf("tutor %q: stderr %q, want one line with %q", tt.args, errs, tt.want)
		}
		if out != "" {
			t.Errorf("tutor %q: stdout %q", tt.args, out)
		}
	}
}

func TestNotesFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "raft.md"), []byte("# Raft\n\n## Terms\nAn epoch.\n"), 0o600)
	code, out, errs := cli(t, "--notes", dir, "list")
	if code != 0 || !strings.Contains(out, "my-raft") || !strings.Contains(out, "Raft") {
		t.Fatalf("exit %d out %q err %q", code, out, errs)
	}
	code, out, _ = cli(t, "--notes", dir, "render", "my-raft", "--plain")
	if code != 0 || !strings.Contains(out, "An epoch.") {
		t.Errorf("render of a note: exit %d %q", code, out)
	}
	file := filepath.Join(dir, "raft.md")
	if code, _, errs := cli(t, "--notes", file, "list"); code != 2 || !strings.Contains(errs, "not a folder") {
		t.Errorf("a file as notes folder: exit %d %q", code, errs)
	}
}

func TestVersionAndHelp(t *testing.T) {
	code, out, _ := cli(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "tutor ") {
		t.Errorf("--version: %d %q", code, out)
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, _ := cli(t, args...)
		if code != 0 || !strings.Contains(out, "tutor render <lesson>") || !strings.Contains(out, "--notes DIR") {
			t.Errorf("%q: %d %q", args, code, out)
		}
		for _, v := range visuals.All() {
			if !strings.Contains(out, "tutor trace "+v.Name()+" ") {
				t.Errorf("%q does not show the input syntax of %s", args, v.Name())
			}
		}
	}
}

// TestEveryCommandHasHelp: tutor <command> --help (or -h) prints that
// command's usage and exits 0, as tutor --help does, instead of a flag
// error or an unknown lesson named "--help".
func TestEveryCommandHasHelp(t *testing.T) {
	for name := range commands {
		if name == "" {
			continue
		}
		for _, h := range []string{"--help", "-h"} {
			code, out, errs := cli(t, name, h)
			if code != 0 || !strings.HasPrefix(out, "usage:\n  tutor "+name) || errs != "" {
				t.Errorf("tutor %s %s: exit %d, stdout %q, stderr %q", name, h, code, out, errs)
			}
		}
	}
}

// TestTraceTreeHelpSaysSummary: trace takes more than the picture for the
// tree (larger trees, --summary), and its --help and tutor --help say so.
func TestTraceTreeHelpSaysSummary(t *testing.T) {
	for _, args := range [][]string{{"trace", "tree", "--help"}, {"--help"}} {
		code, out, _ := cli(t, args...)
		if code != 0 || !strings.Contains(out, "[--summary] (trace: up to 1000000 machines)") {
			t.Errorf("%q: %d, no --summary in\n%s", args, code, out)
		}
	}
}

func TestTraceEveryVisual(t *testing.T) {
	for _, v := range visuals.All() {
		code, out, errs := cli(t, append([]string{"trace", v.Name()}, v.DefaultArgs()...)...)
		if code != 0 {
			t.Errorf("trace %s: exit %d %s", v.Name(), code, errs)
			continue
		}
		r, err := v.Run(v.DefaultArgs())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out, "step 1/") || !strings.HasSuffix(out, strings.TrimRight(r.Final(), "\n")+"\n") {
			t.Errorf("trace %s: output does not start with step 1 and end with the final state:\n%s", v.Name(), out)
		}
		if strings.Count(out, "\nstep ") != r.Len()-1 {
			t.Errorf("trace %s: %d steps printed, run has %d", v.Name(), strings.Count(out, "\nstep ")+1, r.Len())
		}
		code, out, _ = cli(t, "trace", v.Name(), "--help")
		if code != 0 || !strings.Contains(out, v.Usage()) {
			t.Errorf("trace %s --help: %d %q", v.Name(), code, out)
		}
		code, _, errs = cli(t, "trace", v.Name(), "--no-such-flag")
		if code != 2 || !strings.Contains(errs, "no-such-flag") {
			t.Errorf("trace %s --no-such-flag: %d %q", v.Name(), code, errs)
		}
	}
}

// TestEveryLessonVisualExists checks that a lesson's visual: names a
// visual the app has.
func TestEveryLessonVisualExists(t *testing.T) {
	cat, err := lessons.Load(content.Lessons)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range cat.Lessons() {
		if l.Visual == "" {
			continue
		}
		if _, ok := visuals.Lookup(l.Visual); !ok {
			t.Errorf("lesson %s names visual %q, which does not exist", l.ID, l.Visual)
		}
	}
}
