package tutor

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"tutor/internal/lessons"
	"tutor/internal/visuals"
)

// Cards prints every card of lesson id (every lesson when id is ""), the
// learner's notes' too with --notes: one line a card, three fields
// separated by tabs, the lesson's id, the card id the review log records
// answers under, and the card's front (a choice item's question, an
// exercise kind's title), on one line. Cards come in lesson order, each
// lesson's written items and note cards in file order, then its exercise
// kinds.
func Cards(e Env, o Options, id string) error {
	cat, err := catalogSaid(e, o)
	if err != nil {
		return err
	}
	ls := cat.Lessons()
	if id != "" {
		l, err := Lookup(cat, id)
		if err != nil {
			return err
		}
		ls = []*lessons.Lesson{l}
	}
	w := &safeWriter{w: e.Stdout}
	for _, l := range ls {
		for _, it := range l.Items {
			fmt.Fprintf(w, "%s\t%s\t%s\n", l.ID, it.ID, lessons.SanitizeLine(it.Prompt()))
		}
		if v, ok := visuals.Lookup(l.Visual); ok && l.Visual != "" {
			for _, k := range v.Exercises() {
				fmt.Fprintf(w, "%s\t%s\t%s\n", l.ID, k.ID, lessons.SanitizeLine(k.Title))
			}
		}
	}
	return w.Flush()
}

// catalogSaid is Catalog, with its notices (what --notes found and
// skipped, and why) printed on stderr, once, before the command's output.
func catalogSaid(e Env, o Options) (*lessons.Catalog, error) {
	cat, notices, err := Catalog(o)
	if err != nil {
		return nil, err
	}
	sayNotices(e, notices)
	return cat, nil
}

// sayNotices prints notices on stderr, each a line after "tutor: ".
func sayNotices(e Env, notices []string) {
	if e.Stderr == nil {
		return
	}
	for _, n := range notices {
		fmt.Fprintln(e.Stderr, "tutor: "+lessons.SanitizeLine(n))
	}
}

var extRE = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// ParseExt reads the value of --ext: file name extensions separated by
// commas, with or without their dot ("md,txt", ".md, .txt").
func ParseExt(v string) ([]string, error) {
	var exts []string
	for _, e := range strings.Split(v, ",") {
		e = strings.TrimPrefix(strings.TrimSpace(e), ".")
		if !extRE.MatchString(e) {
			return nil, Usagef("--ext %q: want file name extensions separated by commas, such as md,txt", v)
		}
		exts = append(exts, strings.ToLower(e))
	}
	return exts, nil
}

// textExts are extensions of files that hold text a learner may have
// written notes in: the summary of --notes says how to read them.
var textExts = []string{".txt", ".text", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdx", ".rmd", ".qmd"}

// notesSummary is the line that says what --notes found in the folder
// shown: how many notes and cards cat took, how many notes it skipped
// (their ids were taken), and the files it did not read and why.
func notesSummary(shown string, scan *lessons.NoteScan, exts []string, cat *lessons.Catalog) string {
	// A note whose id was taken (cat.Add skipped it) is no note of the
	// catalog: it and its cards are counted apart.
	notes, cards, skipped := 0, 0, 0
	for _, n := range scan.Notes {
		if l, ok := cat.Lookup(n.ID); !ok || l != n {
			skipped++
			continue
		}
		notes++
		cards += len(n.Items)
	}
	read := "." + strings.Join(exts, ", .")
	var b strings.Builder
	switch {
	case len(scan.Notes) == 0 && len(scan.Other) == 0 && len(scan.Warnings) == 0:
		fmt.Fprintf(&b, "--notes %s: no notes: the folder has no files", shown)
	case len(scan.Notes) == 0:
		fmt.Fprintf(&b, "--notes %s: no notes found (notes are %s files)", shown, read)
	default:
		fmt.Fprintf(&b, "--notes %s: %s, %s", shown, count(notes, "note"), count(cards, "card"))
		if skipped == 1 {
			b.WriteString("; 1 skipped (id taken)")
		} else if skipped > 1 {
			fmt.Fprintf(&b, "; %d skipped (ids taken)", skipped)
		}
	}
	if len(scan.Other) == 0 {
		return b.String()
	}
	var others, texts []string
	n := 0
	for ext, c := range scan.Other {
		n += c
		if slices.Contains(textExts, ext) {
			texts = append(texts, strings.TrimPrefix(ext, "."))
		}
		if ext == "" {
			ext = "no extension"
		}
		others = append(others, fmt.Sprintf("%d %s", c, ext))
	}
	slices.Sort(others)
	slices.Sort(texts)
	fmt.Fprintf(&b, "; %s not read (%s)", count(n, "other file"), strings.Join(others, ", "))
	if len(texts) > 0 {
		them := "them"
		if n == 1 {
			them = "it"
		}
		fmt.Fprintf(&b, ": --ext %s reads %s as notes too", strings.Join(append(slices.Clone(exts), texts...), ","), them)
	}
	return b.String()
}

// count is "1 note" or "n notes".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
