package lessons

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// The corpus under testdata/notes is a learner's notes folder as real ones
// are: Jekyll posts (front matter with a scalar tag, categories, a date
// with a time, a description, a block that YAML cannot read), Hugo pages
// (TOML between +++ and YAML with nested params), Chinese and mixed text,
// Python fenced and not, repeated headings, text before the first
// heading, tables with <br>, a section too long for one card, a file with
// no heading, a .txt file, and a 100 KB file of questions and answers
// (qa/interview-qa.md, made by qaNote).

// qaNote is the 100 KB file of questions and answers: 330 questions on
// the topics below, each answered in a few lines, some with a list, a code
// block or Chinese. It is made without randomness, so the file and its
// cards never change.
func qaNote() string {
	topics := []struct{ name, fact string }{
		{"TCP", "a byte stream: the receiver acknowledges bytes, not packets, and the sender keeps a window of unacknowledged bytes in flight"},
		{"UDP", "datagrams with a checksum and nothing more: no order, no retransmission, no congestion control"},
		{"Raft", "a leader appends entries to its log and commits an entry once a majority of the cluster has stored it"},
		{"Paxos", "a proposer needs a majority of promises for its ballot before it may ask acceptors to accept a value"},
		{"MVCC", "each write makes a new version of a row, and a snapshot reads the versions committed before it began"},
		{"Redis", "one thread runs every command, so a command is atomic, and a slow one (KEYS, a big SORT) stalls every client"},
		{"Kafka", "a partition is an append-only log; a consumer group gives each partition to one consumer and records its offset"},
		{"DNS", "a resolver walks from the root to the authoritative server, and every answer carries a TTL that bounds its caching"},
		{"HTTP/2", "many streams share one TCP connection, framed and prioritised, with headers compressed by HPACK"},
		{"B-trees", "nodes hold many sorted keys, so the tree is shallow and a lookup reads a handful of pages"},
		{"LSM trees", "writes go to a memtable and then to sorted runs that compaction merges in the background"},
	}
	asks := []string{
		"What is the one-line idea of %s?",
		"What does %s guarantee, and what does it not?",
		"How would you explain %s to a new colleague?",
		"What goes wrong first when %s is under load?",
		"Which metric tells you %s is in trouble?",
		"What is the classic interview follow-up on %s?",
		"How do you test code that depends on %s?",
		"What is a common misconception about %s?",
		"Where does %s keep its state?",
		"What would you monitor for %s in production?",
	}
	var b strings.Builder
	b.WriteString("---\ntitle: Interview questions and answers\ntags: [interview, review]\ndescription: 330 short questions on systems topics.\n---\n\n")
	b.WriteString("Questions collected from mock interviews. Each answer is meant to be said\nin under a minute.\n\n")
	n := 0
	for round := 0; round < 3; round++ {
		for ti, t := range topics {
			for ai, a := range asks {
				n++
				fmt.Fprintf(&b, "## Q%d. %s\n\n", n, fmt.Sprintf(a, t.name))
				fmt.Fprintf(&b, "**A:** In short, %s is %s.\nSay that first, then the one number that matters (%d ms, %d%%).\n", t.name, t.fact, 5*(n%40+1), n%97)
				switch (n + ti + ai + round) % 5 {
				case 0:
					fmt.Fprintf(&b, "\n- say what %s promises first\n- then the cost of the promise\n- then one failure you have seen\n", t.name)
				case 1:
					fmt.Fprintf(&b, "\n```python\n# a sketch for question %d\ndef check_%d(state):\n    return state.ok and state.lag < %d\n```\n", n, n, 10+n%7)
				case 2:
					fmt.Fprintf(&b, "\n面试时先说结论，再说代价。\n%s 的核心是：先保证正确，再谈性能。\n", t.name)
				case 3:
					fmt.Fprintf(&b, "\nA follow-up asks what happens when a node of the %s system restarts\nin the middle of the operation; answer with what is on disk at that moment.\n", t.name)
				}
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

func TestQANoteIsGenerated(t *testing.T) {
	const name = "testdata/notes/qa/interview-qa.md"
	want := qaNote()
	if len(want) < 100_000 {
		t.Fatalf("the Q&A note is %d bytes, want at least 100 KB", len(want))
	}
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(name, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != want {
		t.Fatalf("%s is not what qaNote makes (regenerate with -update): %v", name, err)
	}
}

// cardList is the cards of the notes, one block a card: the note's path,
// its title and its id, then each card's front and the first lines of its
// back, as a person reads them to judge.
func cardList(notes []*Lesson, lines int) string {
	var b strings.Builder
	for _, l := range notes {
		fmt.Fprintf(&b, "== %s · %q · %s · tags %q · %q\n", l.Path, l.Title, l.ID, l.Tags, l.Summary)
		for _, it := range l.Items {
			fmt.Fprintf(&b, "  %s\n", it.Front)
			back := strings.Split(it.Back, "\n")
			for i, line := range back {
				if i == lines {
					fmt.Fprintf(&b, "      … %d more lines\n", len(back)-lines)
					break
				}
				fmt.Fprintf(&b, "      %s\n", line)
			}
		}
	}
	return b.String()
}

// TestNoteCorpus pins what the corpus becomes: the notes, their titles,
// tags and summaries, and every card (the Q&A note's first ten and last
// one, and its count). Read testdata/TestNoteCorpus.golden as a learner
// would; regenerate with go test ./internal/lessons -run TestNoteCorpus
// -update, and read the diff.
func TestNoteCorpus(t *testing.T) {
	scan, err := ScanNotes(os.DirFS("testdata/notes"), ".", []string{"md", "markdown"})
	if err != nil {
		t.Fatal(err)
	}
	var short []*Lesson
	for _, l := range scan.Notes {
		if filepath.Base(l.Path) == "interview-qa.md" {
			c := *l
			if n := len(c.Items); n != 331 {
				t.Errorf("the Q&A note makes %d cards, want 331, one a question and the text before the first", n)
			}
			c.Items = append(append([]Item(nil), l.Items[:10]...), l.Items[len(l.Items)-1])
			short = append(short, &c)
			continue
		}
		short = append(short, l)
	}
	var warnings []string
	for _, w := range scan.Warnings {
		warnings = append(warnings, w.Error())
	}
	out := cardList(short, 4) + "\nwarnings:\n" + strings.Join(warnings, "\n") + fmt.Sprintf("\nother files: %v\n", scan.Other)
	golden.RequireEqual(t, out)
}
