package main

import (
	"os"
	"strings"
	"testing"
)

const corpus = "../../internal/lessons/testdata/notes"

// TestCardsKeepShippedIDs: every card id the shipped lessons had when
// tutor cards came (testdata/shipped-card-ids.txt) is still a card. The
// review log keys answers by card id, so an id that goes away orphans
// every learner's history of that card. Adding cards is fine; to retire
// one on purpose, take its line out of the file and say so in the commit.
func TestCardsKeepShippedIDs(t *testing.T) {
	code, out, errs := cli(t, "cards")
	if code != 0 || errs != "" {
		t.Fatalf("cards: exit %d, stderr %q", code, errs)
	}
	have := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			t.Fatalf("not three fields: %q", line)
		}
		have[f[1]] = true
	}
	want, err := os.ReadFile("testdata/shipped-card-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range strings.Fields(string(want)) {
		if !have[id] {
			t.Errorf("the card %s is gone: its reviews no longer count", id)
		}
	}
}

func TestCardsOfNotes(t *testing.T) {
	code, out, errs := cli(t, "--notes", corpus, "cards", "my-hugo-tcp-handshake")
	want := "my-hugo-tcp-handshake\tmy-hugo-tcp-handshake/93fae48d968b\tTCP handshake › Three packets\n" +
		"my-hugo-tcp-handshake\tmy-hugo-tcp-handshake/1efda5191f88\tTCP handshake › Why not two\n" +
		"my-hugo-tcp-handshake\tmy-hugo-tcp-handshake/eb68c4fb17cd\tTCP handshake › SYN cookies\n"
	if code != 0 || out != want {
		t.Errorf("cards of one note: exit %d\n%s\nwant\n%s", code, out, want)
	}
	// What --notes found and skipped is said once, on stderr.
	wantErr := "tutor: --notes " + corpus + ": 10 notes, 369 cards; 1 other file not read (1 .txt): --ext md,markdown,txt reads it as notes too\n" +
		"tutor: notes: jekyll/broken-front-matter.md: its front matter cannot be read (yaml: line 3: found unexpected end of stream): left out, the note is read without it\n"
	if errs != wantErr {
		t.Errorf("stderr\n%s\nwant\n%s", errs, wantErr)
	}
	code, out, errs = cli(t, "--notes", corpus, "--ext", "md,markdown,txt", "cards")
	if code != 0 || !strings.Contains(out, "my-reading-list\tmy-reading-list/") || !strings.Contains(errs, ": 11 notes, ") || strings.Contains(errs, "not read") {
		t.Errorf("--ext txt: exit %d, stderr %q", code, errs)
	}
	// --notes after the command, as tutor export takes it (a finding: it
	// was read as a second lesson id).
	code, after, errs := cli(t, "cards", "--notes", corpus, "my-hugo-tcp-handshake")
	if code != 0 || after != want {
		t.Errorf("cards --notes DIR <id>: exit %d, stderr %q\n%s", code, errs, after)
	}
	code, after, _ = cli(t, "cards", "my-hugo-tcp-handshake", "--notes", corpus)
	if code != 0 || after != want {
		t.Errorf("cards <id> --notes DIR: exit %d\n%s", code, after)
	}
	for _, args := range [][]string{{"cards", "a", "b"}, {"cards", "tpc"}, {"--ext", "md,,", "cards"}, {"cards", "--bogus"}, {"cards", "--notes"}} {
		if code, _, errs := cli(t, args...); code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
	}
}

// TestCardsHostile: tutor cards over the hostile corpus of notes (every
// control and escape kind in front matter, bodies and file names) prints
// none of it, on stdout or stderr.
func TestCardsHostile(t *testing.T) {
	dir, _ := hostileNotes(t)
	code, out, errs := cli(t, "--notes", dir, "cards")
	if code != 0 {
		t.Fatalf("cards: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "\tmy-") {
		t.Errorf("no note's card in the output")
	}
	checkOut(t, "cards stdout", out)
	checkOut(t, "cards stderr", errs)
}
