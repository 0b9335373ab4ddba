package markdown

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"tutor/content"
	"tutor/internal/hostile"
	"tutor/internal/lessons"
)

// renderBounded renders md and fails the test if the render has not
// returned within a generous bound: each case below took from 83 s to
// minutes and gigabytes, or overflowed the stack, before the guard.
func renderBounded(t *testing.T, md string, width int, style string) string {
	t.Helper()
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := Render(md, width, style)
		done <- result{out, err}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.out
	case <-ctx.Done():
		t.Fatalf("the render of %d bytes did not return", len(md))
		return ""
	}
}

// pathological are the notes that took minutes and gigabytes, or
// overflowed the stack, generated.
func pathological() map[string]string {
	var deepList strings.Builder
	for i := range 900 {
		deepList.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return map[string]string{
		"50,000 headings":          strings.Repeat("# h\n\n", 50000),
		"100 KB of >":              strings.Repeat(">", 100000) + " x\n",
		"a 900-deep list":          deepList.String(),
		"50,000 list items":        strings.Repeat("- item\n", 50000),
		"[a]( 100,000 times":       strings.Repeat("[a](", 100000),
		"200 KB nested emphasis":   strings.Repeat("*_", 50000) + "a" + strings.Repeat("_*", 50000),
		"200 KB of * a":            strings.Repeat("*a ", 70000),
		"quotes and lists nested":  strings.Repeat("> - ", 30) + "x\n",
		"20,000 paragraphs":        strings.Repeat("word word\n\n", 20000),
		"a 20,000-line code block": "```\n" + strings.Repeat("code line\n", 20000) + "```\n",
	}
}

// TestRenderGuard: every pathological note comes back at once as plain
// text that says which limit it passes, every line within the width.
func TestRenderGuard(t *testing.T) {
	for name, md := range pathological() {
		t.Run(name, func(t *testing.T) {
			why := Complexity(md)
			if why == "" {
				t.Fatal("not found beyond the limits")
			}
			out := renderBounded(t, md, 60, "dark")
			if !strings.HasPrefix(out, "This note is shown as plain text, not rendered: it has") {
				t.Errorf("no notice: %.200q", out)
			}
			for i, line := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(line); w > 60 {
					t.Fatalf("line %d is %d wide", i, w)
				}
			}
		})
	}
}

// TestShippedLessonsRendered: every shipped lesson is far enough below
// the limits to be rendered as markdown.
func TestShippedLessonsRendered(t *testing.T) {
	files, err := fs.Glob(content.Lessons, "lessons/*.md")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, f := range files {
		b, _ := fs.ReadFile(content.Lessons, f)
		// Ten of them end to end are still rendered.
		if why := Complexity(strings.Repeat(string(b), 10)); why != "" {
			t.Errorf("%s ten times over: %s", f, why)
		}
	}
}

// TestRenderRecovers: a panic inside glamour comes back as an error,
// which the lesson shows in the note pane, instead of ending the program.
func TestRenderRecovers(t *testing.T) {
	defer func(f func(*glamour.TermRenderer, string) (string, error)) { glamourRender = f }(glamourRender)
	glamourRender = func(*glamour.TermRenderer, string) (string, error) { panic("deep inside glamour") }
	out, err := Render("# x\n", 40, "dark")
	if out != "" || err == nil || !strings.Contains(err.Error(), "the renderer failed on this note: deep inside glamour") {
		t.Errorf("out %q err %v", out, err)
	}
}

// TestCacheBounded: renders at ever new widths keep at most MaxCached.
func TestCacheBounded(t *testing.T) {
	var c Cache
	for w := range 200 {
		c.Put(Key{Doc: "d", Width: w, Style: "dark"}, strings.Repeat("x", 1000))
	}
	if c.Len() != MaxCached {
		t.Errorf("%d renders kept, want %d", c.Len(), MaxCached)
	}
	if _, ok := c.Get(Key{Doc: "d", Width: 199, Style: "dark"}); !ok {
		t.Error("the newest render is gone")
	}
	if _, ok := c.Get(Key{Doc: "d", Width: 0, Style: "dark"}); ok {
		t.Error("the oldest render is kept")
	}
}

// TestCacheBusy: one render per document at a time.
func TestCacheBusy(t *testing.T) {
	var c Cache
	a, b := Key{Doc: "d", Width: 10}, Key{Doc: "d", Width: 20}
	if !c.Begin(a) || c.Begin(b) || !c.Begin(Key{Doc: "e", Width: 10}) || !c.Busy("d") {
		t.Fatal("Begin")
	}
	c.Done(b) // not the one under way
	if !c.Busy("d") {
		t.Error("Done of another key ended the render under way")
	}
	c.Done(a)
	if c.Busy("d") || !c.Begin(b) {
		t.Error("Done")
	}
}

// TestRenderHostile: a note body with every kind of the corpus, cleaned
// as the loader cleans it, renders with no byte of it, in every style.
func TestRenderHostile(t *testing.T) {
	for _, c := range hostile.Corpus() {
		md := lessons.Sanitize("# T " + c.Text + "\n\n*a* " + c.Text + " [l](http://x/" + c.Text + ") `" + c.Text + "`\n\n- " + c.Text + "\n\n```\n" + c.Text + "\n```\n")
		for _, style := range []string{"dark", "light", "notty"} {
			out := renderBounded(t, md, 40, style)
			if bad := hostile.Check(out, true); bad != "" {
				t.Errorf("%s %s: %s", c.Name, style, bad)
			}
		}
	}
}

// FuzzNotePath runs the whole path of a note, from the file to the
// screen: load (sanitize, parse), then render at two widths, with a bound
// on the input's size and on the time each render takes. The output holds
// nothing but colours and fits the width.
func FuzzNotePath(f *testing.F) {
	f.Add([]byte("# a\n## b\nc *d* [e](f)\n"), uint8(40))
	f.Add([]byte("---\ntitle: \"\\e]0;x\\a\"\n---\n> > - x\n"), uint8(20))
	f.Add([]byte(strings.Repeat("> ", 40)+"x"), uint8(80))
	f.Add([]byte(hostile.All()), uint8(30))
	f.Fuzz(func(t *testing.T, data []byte, w uint8) {
		if len(data) > 64<<10 {
			return
		}
		width := 20 + int(w)%100
		notes, _, err := lessons.LoadNotes(fstest.MapFS{"n.md": {Data: data}}, ".")
		if err != nil || len(notes) == 0 {
			return
		}
		for _, style := range []string{"dark", "notty"} {
			out := renderBounded(t, notes[0].Body, width, style)
			if bad := hostile.CheckControls(out, true); bad != "" {
				t.Fatalf("%s: %s", style, bad)
			}
			for i, line := range strings.Split(out, "\n") {
				if lw := ansi.StringWidth(line); lw > width {
					t.Fatalf("%s: line %d is %d wide, more than %d", style, i, lw, width)
				}
			}
		}
	})
}
