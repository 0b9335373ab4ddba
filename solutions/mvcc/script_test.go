package mvcc

import (
	"errors"
	"strings"
	"testing"
)

func TestParseScriptErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"begin; -- either", `line 1: unknown session "either"`},
		{"begin;", "line 1: \"begin;\" has no session"},
		{"begin -- T1", "does not end with a semicolon"},
		{"\n\nselect * from tset; -- T1", "line 3:"},
		{"update test set value = where id = 1; -- T1", "expected a number"},
		{"select * from test where value % 0 = 1; -- T1", "modulus"},
		{"", "no statement"},
	} {
		_, err := ParseScript(tc.src)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseScript(%q) = %v, want one line with %q", tc.src, err, tc.want)
		}
	}
}

func TestRunScriptErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"begin; -- T1\nbegin; -- T1", "line 2: T1 is already in a transaction"},
		{"update test set value = 1 where id = 1; -- T1", "outside a transaction"},
		{"begin; -- T1\ncommit; -- T1\ninsert into test (id, value) values (3, 3); -- T1", "line 3: T1: \"insert"},
	} {
		s, err := ParseScript(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Run(s, Options{Engine: InnoDB})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Run(%q) = %v, want %q", tc.src, err, tc.want)
		}
	}
}

// A line for a session that waits is refused, naming both lines.
func TestBlockedSessionRefused(t *testing.T) {
	s, _ := ParseScript("begin; -- T1\nbegin; -- T2\nupdate test set value = 1 where id = 1; -- T1\nupdate test set value = 2 where id = 1; -- T2\nselect * from test; -- T2")
	for _, e := range []Engine{InnoDB, Postgres} {
		_, err := Run(s, Options{Engine: e})
		var be *BlockedError
		if !errors.As(err, &be) || be.Line != 5 || be.On != 4 || be.Session != "T2" {
			t.Errorf("%s: %v", e, err)
		}
	}
}

// Every statement's canonical text parses back to the same statement.
func TestStmtRoundTrip(t *testing.T) {
	for _, c := range Hermitage() {
		for _, l := range c.Script.Lines {
			back, err := ParseStmt(l.Stmt.String())
			if err != nil || back.String() != l.Stmt.String() {
				t.Errorf("%s: %q -> %q, %v", c.Name, l.Stmt, back, err)
			}
		}
	}
}
