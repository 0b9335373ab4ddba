package main

import (
	"io"
	"sort"
	"strings"

	"tutor/internal/tutor"
)

// A command is one word of the command line after the options: its name,
// its lines in tutor --help, and what it runs. Each command's file
// registers it in an init function, so adding a command touches no other
// file.
type command struct {
	// name is the word that picks the command.
	name string
	// order places the command in --help and in the unknown-command
	// message; smaller comes first.
	order int
	// usage is the command's lines in --help, each starting with
	// "tutor", continuation lines indented to the description column.
	usage string
	// details, when not "", are lines that tutor <name> --help prints
	// after the usage: each option, its default and what it does.
	details string
	// run runs the command on the words after its name.
	run func(args []string, g tutor.Options, e tutor.Env) error
}

// commands are the registered commands, by name.
var commands = map[string]command{}

// register adds c to the commands; a name registered twice is a bug.
func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("tutor: command " + c.name + " registered twice")
	}
	commands[c.name] = c
}

// sortedCommands lists the commands in their help order.
func sortedCommands() []command {
	cs := make([]command, 0, len(commands))
	for _, c := range commands {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].order != cs[j].order {
			return cs[i].order < cs[j].order
		}
		return cs[i].name < cs[j].name
	})
	return cs
}

// commandNames is the commands' names in help order, comma separated,
// without the empty one (the app itself).
func commandNames() string {
	var names []string
	for _, c := range sortedCommands() {
		if c.name != "" {
			names = append(names, c.name)
		}
	}
	return strings.Join(names, ", ")
}

// writeCommandUsage writes every command's usage lines, indented by two.
func writeCommandUsage(w io.Writer) {
	for _, c := range sortedCommands() {
		for _, line := range strings.Split(strings.TrimRight(c.usage, "\n"), "\n") {
			io.WriteString(w, "  "+line+"\n")
		}
	}
}

// asksHelp reports whether the words after command name ask for its help:
// -h, -help or --help anywhere, or first for trace, whose later --help is
// a visual's (tutor trace tree --help).
func asksHelp(name string, args []string) bool {
	for i, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return name != "trace" || i == 0
		}
	}
	return false
}

// writeUsageOf writes c's usage lines under "usage:", then its details.
func writeUsageOf(w io.Writer, c command) {
	io.WriteString(w, "usage:\n")
	for _, line := range strings.Split(strings.TrimRight(c.usage, "\n"), "\n") {
		io.WriteString(w, "  "+line+"\n")
	}
	if c.details != "" {
		io.WriteString(w, "\n"+strings.TrimRight(c.details, "\n")+"\n")
	}
}
