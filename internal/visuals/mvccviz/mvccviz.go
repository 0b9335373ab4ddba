// Package mvccviz is the visualization of solutions/mvcc: sessions as
// columns with their statements, each row's version chain newest first,
// each transaction's read view or snapshot, the locks held and waited
// for, and at each read the visibility check walked version by version.
//
// Its input names an engine, a level and a script: one of Hermitage's by
// name (--script g-single), a file (--file my.sql) or the text itself
// (--sql '...'); --table runs them all and prints Hermitage's table.
// Every frame is drawn from an event of the solution's observer
// (mvcc.Event), which carries the whole database as it stands.
package mvccviz

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"tutor/internal/visual"
	"tutor/solutions/mvcc"
)

// usage is the input syntax, Visual.Usage.
const usage = "[--engine innodb|postgres] [--level ru|rc|rr|ser] [--script NAME | --file PATH | --sql TEXT] | --table"

// spec is the mvcc visualization as the kernel runs it.
var spec = visual.Spec[input, *recording]{
	Name:    "mvcc",
	Usage:   usage,
	Source:  "mvcc/engine.go",
	Default: []string{"--engine", "innodb", "--level", "rr", "--script", "g-single"},
	Examples: [][]string{
		{"--engine", "postgres", "--level", "ser", "--script", "g2-fekete"},
		{"--engine", "innodb", "--level", "ser", "--script", "g2"},
		{"--engine", "postgres", "--level", "rc", "--script", "pmp-write"},
		{"--engine", "innodb", "--level", "rr", "--script", "pmp-write"},
		{"--engine", "innodb", "--level", "ru", "--script", "g1a"},
		{"--engine", "innodb", "--level", "rc", "--script", "otv"},
		{"--engine", "postgres", "--level", "rr", "--script", "p4"},
		{"--engine", "innodb", "--level", "rr", "--sql", "set transaction isolation level read committed; -- T1 | begin; -- T1 | insert into test (id, value) values (1, 5); -- T1 | commit; -- T1"},
		{"--engine", "postgres", "--sql", "begin; -- T1\ninsert into test (id, value) values (1, 5); -- T1\nselect * from test; -- T1"},
		{"--table"},
	},
	Parse:     parse,
	Format:    format,
	Record:    record,
	Knobs:     knobs,
	Exercises: exercises,
}

// New returns the mvcc visualization.
func New() visual.Visual { return spec.Visual() }

// input is a parsed command line. Exactly one of script, file and sql
// names the script, unless table is set. Parse(Format(in)) gives in back.
type input struct {
	engine mvcc.Engine
	level  mvcc.Level
	script string // a Hermitage case's short name
	file   string
	sql    string
	table  bool
}

// names is the Hermitage scripts offered by --script, in file order.
func names() []string {
	var out []string
	for _, c := range mvcc.Hermitage() {
		if !slices.Contains(out, c.Short()) {
			out = append(out, c.Short())
		}
	}
	return out
}

// allNames is names and the cases' full names (with the level Hermitage
// ran them at, "pmp-write.rr").
func allNames() []string {
	out := names()
	for _, c := range mvcc.Hermitage() {
		if !slices.Contains(out, c.Name) {
			out = append(out, c.Name)
		}
	}
	return out
}

func parse(args []string) (input, error) {
	fs := flag.NewFlagSet("mvcc", flag.ContinueOnError)
	engine := fs.String("engine", "innodb", "the engine: `innodb` or postgres")
	level := fs.String("level", "", "the isolation level: ru, rc, rr or ser (default: the engine's)")
	script := fs.String("script", "", "one of Hermitage's scripts by `NAME`")
	file := fs.String("file", "", "a script file")
	sql := fs.String("sql", "", "the script itself, lines separated by newlines or |")
	table := fs.Bool("table", false, "print Hermitage's table for both engines")
	if err := visual.ParseFlags(fs, args, usage); err != nil {
		return input{}, err
	}
	var in input
	var err error
	if in.engine, err = mvcc.ParseEngine(*engine); err != nil {
		return input{}, fmt.Errorf("--engine: %v", err)
	}
	in.level = in.engine.Default()
	if *level != "" {
		if in.level, err = mvcc.ParseLevel(*level); err != nil {
			return input{}, fmt.Errorf("--level: %v", err)
		}
		if in.engine == mvcc.Postgres && in.level == mvcc.ReadUncommitted {
			return input{}, fmt.Errorf("--level %q: PostgreSQL runs read uncommitted as read committed; ask for rc", *level)
		}
	}
	in.table, in.script, in.file, in.sql = *table, *script, *file, *sql
	n := 0
	for _, s := range []string{in.script, in.file, in.sql} {
		if s != "" {
			n++
		}
	}
	switch {
	case in.table && n > 0:
		return input{}, fmt.Errorf("--table runs every script: give no --script, --file or --sql with it")
	case n > 1:
		return input{}, fmt.Errorf("give one of --script, --file and --sql")
	case n == 0 && !in.table:
		in.script = "g-single"
	}
	if in.script != "" && !slices.Contains(allNames(), in.script) {
		return input{}, fmt.Errorf("--script %q: no such script (try %s)", in.script, strings.Join(names(), ", "))
	}
	return in, nil
}

func format(in input) []string {
	if in.table {
		return []string{"--table"}
	}
	a := []string{"--engine", strings.ToLower(map[mvcc.Engine]string{mvcc.InnoDB: "innodb", mvcc.Postgres: "postgres"}[in.engine]), "--level", in.level.Short()}
	switch {
	case in.script != "":
		a = append(a, "--script", in.script)
	case in.file != "":
		a = append(a, "--file", in.file)
	case in.sql != "":
		a = append(a, "--sql", in.sql)
	}
	return a
}

// source is the input's script text, and its name for the title.
func (in input) source() (name, text string, err error) {
	switch {
	case in.file != "":
		b, err := os.ReadFile(in.file)
		if err != nil {
			return "", "", fmt.Errorf("--file %q: %v", in.file, err)
		}
		return in.file, string(b), nil
	case in.sql != "":
		return "--sql", strings.ReplaceAll(in.sql, "|", "\n"), nil
	}
	c, ok := in.hermitage()
	if !ok {
		return "", "", fmt.Errorf("--script %q: no such script for %s", in.script, in.engine)
	}
	if c.Level != in.level {
		// Hermitage ran this script at another level: the title says
		// so, rather than name that level beside the run's.
		return fmt.Sprintf("hermitage %s (the script Hermitage ran at %s)", c.Short(), c.Level), c.Text, nil
	}
	return "hermitage " + c.Name, c.Text, nil
}

// hermitage is the case the input names: the engine's script of that
// name, transcribed at the input's level if Hermitage ran it there.
func (in input) hermitage() (mvcc.Case, bool) {
	var found []mvcc.Case
	for _, c := range mvcc.Hermitage() {
		if c.Engine == in.engine && c.Name == in.script {
			return c, true
		}
		if c.Engine == in.engine && c.Short() == in.script {
			found = append(found, c)
		}
	}
	for _, c := range found {
		if c.Level == in.level {
			return c, true
		}
	}
	if len(found) == 0 {
		return mvcc.Case{}, false
	}
	return found[0], true
}
