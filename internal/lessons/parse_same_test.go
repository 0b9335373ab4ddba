package lessons

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"tutor/internal/lessons/notesgen"
)

// sameParse reports how parseNoteText and the parser as it was before
// issue 22 (refParseNoteText, parse_ref_test.go) differ on the note p of
// text raw, or "" when they give the same lesson, warning and error. It
// also holds FenceCode to the old one on the note's body.
func sameParse(p, raw string) string {
	got, gotWarn, gotErr := parseNoteText(p, raw)
	want, wantWarn, wantErr := refParseNoteText(p, raw)
	if msg := errText(gotWarn) + "|" + errText(gotErr); msg != errText(wantWarn)+"|"+errText(wantErr) {
		return fmt.Sprintf("warning|error %q, want %q", msg, errText(wantWarn)+"|"+errText(wantErr))
	}
	if d := lessonDiff(got, want); d != "" {
		return d
	}
	if got != nil {
		if g, w := FenceCode(got.Body), refFenceCodeText(want.Body); g != w {
			return fmt.Sprintf("FenceCode of the body:\n%s", firstDiff(g, w))
		}
	}
	return ""
}

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// lessonDiff names the first field in which got and want differ, item by
// item, or "" when they are equal in every field.
func lessonDiff(got, want *Lesson) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("lesson %v, want %v", got, want)
		}
		return ""
	}
	g, w := *got, *want
	g.Items, w.Items = nil, nil
	if !reflect.DeepEqual(g, w) {
		return fmt.Sprintf("lesson\n%#v\nwant\n%#v", g, w)
	}
	if len(got.Items) != len(want.Items) {
		return fmt.Sprintf("%d items, want %d", len(got.Items), len(want.Items))
	}
	for i := range got.Items {
		if !reflect.DeepEqual(got.Items[i], want.Items[i]) {
			return fmt.Sprintf("item %d\n%#v\nwant\n%#v", i, got.Items[i], want.Items[i])
		}
	}
	return ""
}

// TestParseSameCorpus: every file of the corpus, whatever its extension,
// and every input the fuzzers have kept, parse as they did.
func TestParseSameCorpus(t *testing.T) {
	n := 0
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		texts := []string{string(data)}
		if strings.HasPrefix(p, filepath.Join("testdata", "fuzz")) {
			texts = fuzzInputs(string(data))
		}
		for _, text := range texts {
			n++
			if d := sameParse(filepath.ToSlash(p), text); d != "" {
				t.Errorf("%s (%q): %s", p, abbrev(text), d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("%d inputs read, want the corpus and the fuzz inputs", n)
	}
}

// TestParseSameGenerated: the 2,000 notes of the benchmarks' folder parse
// as they did, and so does their concatenation in tens (long notes with
// front matter in the middle).
func TestParseSameGenerated(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 200
	}
	var ten strings.Builder
	for i := range n {
		p, text := notesgen.Note(i)
		if d := sameParse(p, text); d != "" {
			t.Fatalf("%s: %s", p, d)
		}
		ten.WriteString(text)
		if i%10 == 9 {
			if d := sameParse(p, ten.String()); d != "" {
				t.Fatalf("notes %d to %d as one: %s", i-9, i, d)
			}
			ten.Reset()
		}
	}
}

// TestParseSameEdges: short texts at the edges of the fast paths.
func TestParseSameEdges(t *testing.T) {
	for _, text := range parseSeeds {
		if d := sameParse("edge.md", text); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
}

// parseSeeds are texts at the edges of the parser's fast paths: code and
// prose that look alike, front matter of every shape, fences, setext
// headings, lines with CR and controls.
var parseSeeds = []string{
	"",
	"\n",
	"# a\n## b\nc\n",
	"---\ntitle: x\n---\n## h\nbody\n",
	"---\ntitle: x\ntags: [a, b]\ndate: 2025-01-02 10:00:00 +0000\ndescription: y\n---\n\n# T\n\ntext\n",
	"---\ntitle: 'x: y'\ntags: a, b\n---\ntext\n",
	"---\ntitle: [1, 2]\n---\ntext\n",
	"---\ntitle: \"\\e[31mred\"\n---\ntext\n",
	"---\n---\ntext\n",
	"---\n: x\n---\ntext\n",
	"+++\ntitle = \"x\"\ntags = [\"a\"]\n+++\n\ntext\n",
	"\ufeff---\ntitle: bom\n---\ntext\n",
	"```\n# x\n```\n## y\n\x1b[31mz",
	"Title\n=====\n\ntext\n",
	"x = 1\n-----\n",
	"# pasted from a notebook\nimport heapq\nitems = [1, 2, 3]\nheapq.heapify(items)\n# the smallest first\nprint(items[0])\n",
	"## s\n\ndef f(x):\n    return x\n\nf(1)\n",
	"## s\nfor i in range(3):\n    print(i)\n",
	"## s\nif x:\n  pass\nelse:\n  break\n",
	"## s\nreturn a b\nreturn a, b\nreturn\n",
	"## s\n@app.route('/')\ndef index():\n    return 'x'\n",
	"## s\n>>> 1 + 1\n2\n>>> x = 3\n",
	"## s\nint main() {\n  return 0;\n}\n",
	"## s\n})\n];\n",
	"## s\na, b = b, a\nx[i] += 1\ny //= 2\n",
	"## s\nlambda x: x\nyield x\nraise(E)\nassert x\nglobal g\nnonlocal n\n",
	"## s\nfrom a.b import c\nimport os.path\n",
	"## s\nwhile True :  # loop\n    continue\n",
	"## s\ntry:\n    x()\nexcept E:\n    pass\nfinally :\n    y()\n",
	"## s\nwith open(f) as g:\n    g.read()\n",
	"## s\nclass A(B):\n    x = 1\n",
	"## s\nelif x:\n  pass\n",
	"## s\n  x = 1\n  y = 2\n",
	"- item\n    x = 1\n    y = 2\n",
	"1. item\n\n    # comment\n    x = 1\n",
	"## s\nx=1\ny==2\nz = =\n",
	"## s\nprint (x)\nprint(x)\nprinter(x)\n",
	"## s\nreturn(x)\nreturn x;\nreturnx\n",
	"## s\na\r\nb\rc\r\n",
	"## s\n\u00a0x = 1\n\u2003y = 2\n",
	"## s\n\vx = 1\n\fy = 2\n",
	"## s\n中文 = 1\nπ = 3.14\n",
	"## s\nx: int = 1\ny: str\n",
	"# x = 1\n# y = 2\nz = 3\n",
	"# out: [1, 2]\n",
	"# a -> b\ntext\n",
	"#\n##\n###### x\n####### y\n",
	"text\n# one\n# two\nx = f(1)\n",
	strings.Repeat("word ", 400) + "\n",
	strings.Repeat("## h\n", 50),
	strings.Repeat("line\n", 100),
	strings.Repeat("x = 1\n", 100),
	"~~~\ncode\n~~~\n```\nmore\n",
	"## s\nx = 1\ny = 2\n\ntext\nz = 3\nmore\n\nf(x)\n  g\n",
	// Text before the first heading and under the title: one card.
	"intro\n\n# T\n\nbody\n## s\nmore\n",
	"intro\n# T\nbody\n# T\nagain\n## T\nthird\n# U\n## T\nfourth\n",
	"---\ntitle: T\n---\nintro\n# T\nbody\n",
	"## s\nabcdefgh\ufe0f abcdefgh\U0001F3FD abcdefg\u200d\U0001F44D abcdefgh\x1b[31m abcdefgh\xff\n",
	"## s\n- item\n    x = 1\n    y = 2\ntext\nz = 3\n",
	// Lines a little over two rows each: the bound on rows of fitsRows
	// holds at 14 of 153 bytes (42 rows), as it must.
	"## s\n" + strings.Repeat(strings.Repeat("x", 152)+"y\n", 14),
	"## s\n" + strings.Repeat(strings.Repeat("w ", 76)+"z\n", 13),
	"## s\n" + strings.Repeat("中文", 50) + "\n" + strings.Repeat("line\n", 39),
}

// FuzzParseSame: on any text and path, parseNoteText gives the lesson,
// the warning and the error the parser gave before issue 22, and FenceCode
// gives the body it gave.
func FuzzParseSame(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add("n.md", s)
	}
	for i := range 20 {
		p, text := notesgen.Note(i)
		if len(text) < 4000 {
			f.Add(p, text)
		}
	}
	f.Fuzz(func(t *testing.T, p, text string) {
		if d := sameParse(p, text); d != "" {
			t.Fatalf("%q %q: %s", p, text, d)
		}
	})
}

// fuzzInputs reads the strings of a file the fuzzer keeps ("go test fuzz
// v1" and a Go literal a line); the values of other types are left out.
func fuzzInputs(file string) []string {
	var out []string
	for _, line := range strings.Split(file, "\n") {
		for _, form := range []string{"[]byte(", "string("} {
			if lit, ok := strings.CutPrefix(line, form); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(lit, ")")); err == nil {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func abbrev(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// codeLineSeeds are lines at the edges of codeLineFast's tests.
var codeLineSeeds = []string{
	"", " ", "\v", "x", "import os", "import\tos", "import ", "import  .x", "importx y", "from a import b", "from the root down", "from x.y  import\tz", "fromimport", "from import", "from a import",
	"f(x)", "f(x) ", "f(x) y", "f(x;", "f(x);", "f(x) # c", "f (x)", "a.b(c)", "_(x)", "9(x)", "f()", "f(", "f(\n)", "f(x)\n",
	"x = 1", "x=1", "x == 1", "x =", "x = ", "x =\n1", "x += 1", "x, y = y, x", "x[0] = 1", "x: int = 1",
	"int main() {", "a;", "a; ", ";", "{", "a\n{", "}", "})", "];", "),", "} else {", ")x", "]]]]", "}.", "].x", "}),x",
	"@dec", "@", "@a.b(c)", ">>> x", ">>>x", ">> x", "def f():", "def f(): # c", "class A:", "if x:", "if x: y", "else:", "else :", "try:",
	"for i in x:", "while True:", "a: b", "a:", "a:#", "a: # c", "a:\tb:", "note: the", "Note: a (b)", "**A:** In short",
	"return", "return x", "return a b", "return a b c", "return x+1", "pass", "pass # c", "break", "continue", "raise E", "raise(E)",
	"yield x", "assert x", "print x", "print(x)", "  def f", "\tclass A", "\vimport x", "elif:", "for x in y:", "for x in y", "x: # c", "x:y", "- a", " \t* b", "1. a", "123456789. a", "1234567890. a", "1)\tb", "1.b", "lambda x: x", "nonlocal n", "global g", "passage", "printer",
	"\u00a0x = 1", "\vf(x)", "\vx = 1", "\v}", "x\v=\v1", "\u3000f(x)", "中文 = 1", "π = 3", "x = \xff", "\xff(x)", "a.b.c = d", "a-b = 1", "f-g(x)", "x.\n= 1",
}

// FuzzCodeLineSame: looksLikeCode and isListItem read a line as they did
// before issue 22 (refLooksLikeCode, with the expression on every line its
// pre-checks let through), codeLineFast never tells codeLineRE wrong, and
// readsAsPython is pythonRE.
func FuzzCodeLineSame(f *testing.F) {
	for _, s := range codeLineSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := looksLikeCode(line), refLooksLikeCode(line); got != want {
			t.Fatalf("looksLikeCode(%q) = %v, want %v", line, got, want)
		}
		if v := codeLineFast(line); v != codeLineMaybe {
			if got, want := v == codeLineYes, codeLineRE.MatchString(line); got != want {
				t.Fatalf("codeLineFast(%q) says %v, codeLineRE says %v", line, got, want)
			}
		}
		if got, want := readsAsPython(line), pythonRE.MatchString(line); got != want {
			t.Fatalf("readsAsPython(%q) = %v, pythonRE says %v", line, got, want)
		}
		if got, want := isListItem(line), refIsListItem(line); got != want {
			t.Fatalf("isListItem(%q) = %v, want %v", line, got, want)
		}
	})
}

// TestCodeLineFastDecides: the seeds and the lines of the generated notes
// are mostly decided by codeLineFast, rightly (FuzzCodeLineSame checks
// every answer); this pins that it decides, so that a test that cannot
// tell does not pass for one that tells.
func TestCodeLineFastDecides(t *testing.T) {
	decided := 0
	for _, s := range codeLineSeeds {
		if v := codeLineFast(s); v != codeLineMaybe {
			decided++
			if got, want := v == codeLineYes, codeLineRE.MatchString(s); got != want {
				t.Errorf("codeLineFast(%q) says %v, codeLineRE says %v", s, got, want)
			}
		}
	}
	if decided < len(codeLineSeeds)/3 {
		t.Errorf("codeLineFast decides %d of %d seeds, want a third at least", decided, len(codeLineSeeds))
	}
}

// FuzzLinePiecesSame: joinFields is the join of strings.Fields, splitLines
// is strings.Split at newlines, and a line
// takes no more rows than fitsRows counts for it (1 + len/76), on any
// text.
func FuzzLinePiecesSame(f *testing.F) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u00a0b", "a \u2003b", "中文 笔记", "\xff b", "a\u0085b", "a\vb", "a\u200bb",
		strings.Repeat("中", 80), strings.Repeat("\U0001F44D", 40), strings.Repeat("x", 76), strings.Repeat("x", 77), "\x1b[31m" + strings.Repeat("y", 80), "\n", "a\n", "\na", "a\n\nb\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("joinFields(%q) = %q, want %q", s, got, want)
		}
		if got, want := splitLines([]string{"kept"}, s), append([]string{"kept"}, strings.Split(s, "\n")...); !reflect.DeepEqual(got, want) {
			t.Fatalf("splitLines(%q) = %q, want %q", s, got, want)
		}
		if r := rows(s); r > 1+len(s)/76 {
			t.Fatalf("rows(%q) = %d, over 1 + %d/76", s, r, len(s))
		}
	})
}

// TestPieceAt: pieceAt tells a piece of a text in memory from a string
// that is not one, or only in part.
func TestPieceAt(t *testing.T) {
	text := strings.Repeat("piece ", 10)
	for _, c := range []struct {
		text, s string
		at      int
		ok      bool
	}{
		{text, text, 0, true}, {text, text[5:15], 5, true}, {text, text[60:], 0, false}, {text[:10], text[5:15], 0, false},
		{text[10:], text[5:15], 0, false}, {text, strings.Clone(text[5:15]), 0, false}, {text, "", 0, false}, {"", text, 0, false},
	} {
		if at, ok := pieceAt(c.text, c.s); at != c.at || ok != c.ok {
			t.Errorf("pieceAt(%q, %q) = %d, %v, want %d, %v", c.text, c.s, at, ok, c.at, c.ok)
		}
	}
}

// TestJoinLinesShares: a run of a text's lines is joined without a copy,
// and anything else is joined as strings.Join joins it.
func TestJoinLinesShares(t *testing.T) {
	// Made at run time, and too long for the tiny allocator to put a
	// join next to it, or a literal to be found in it.
	text := strings.Repeat("a", 20) + "\n\n" + strings.Repeat("bc", 10) + "\n" + strings.Repeat("d", 20) + "\n"
	lines := strings.Split(text, "\n")
	for _, c := range []struct {
		lines  []string
		shared bool
	}{
		{lines, true}, {lines[1:3], true}, {lines[2:4], true}, {lines[4:], false}, {lines[:0], false},
		{[]string{lines[0], lines[2]}, false}, {[]string{lines[0], "", lines[2]}, true},
		{[]string{strings.Repeat("a", 20), "", lines[2]}, false}, {[]string{"", "", lines[2]}, true}, {[]string{lines[2], lines[3], "x"}, false},
		{[]string{text[2:3], text[3:5]}, false}, {[]string{text[0:20], text[20:20], text[23:43]}, false}, {[]string{text[0:20], text[20:20], text[22:42]}, true},
		{[]string{text[0:5], text[6:10]}, false},
	} {
		got := joinLines(text, c.lines)
		if want := strings.Join(c.lines, "\n"); got != want {
			t.Errorf("joinLines(%q) = %q, want %q", c.lines, got, want)
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(got)))
		base := uintptr(unsafe.Pointer(unsafe.StringData(text)))
		if shared := got != "" && p >= base && p+uintptr(len(got)) <= base+uintptr(len(text)); shared != c.shared {
			t.Errorf("joinLines(%q) shares the text: %v, want %v", c.lines, shared, c.shared)
		}
	}
}

// FuzzPlain8: plain8 tells eight bytes of printable ASCII, newlines and
// tabs as a byte-by-byte test does.
func FuzzPlain8(f *testing.F) {
	for _, s := range []string{"abcdefgh", "abcdefg\n", "\x1fbcdefgh", " ~~~~~~~", "~~~~~~~\x7f", "\x80bcdefgh", "\xff\xff\xff\xff\xff\xff\xff\xff", "        ", "\x00\x00\x00\x00\x00\x00\x00\x00", "\x20\x1f\x20\x20\x20\x20\x20\x20", "a\xa0bcdefg", "abc\ndef\t", "\n\n\n\n\n\n\n\n", "\t\v\t\t\t\t\t\t", "\x0a\x0b\x09\x08\x8a\x89\x7f\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) < 8 {
			return
		}
		want := true
		for i := range 8 {
			want = want && (s[i] >= 0x20 && s[i] <= 0x7e || s[i] == '\n' || s[i] == '\t')
		}
		if got := plain8(load8(s)); got != want {
			t.Fatalf("plain8(%q) = %v, want %v", s[:8], got, want)
		}
	})
}

// TestPlain8Pairs: plain8 on every value of every two of the eight
// bytes, the others printable, as a byte-by-byte test tells it.
func TestPlain8Pairs(t *testing.T) {
	b := []byte("abcdefgh")
	for p := range 8 {
		for q := p + 1; q < 8; q++ {
			for x := range 256 {
				for y := range 256 {
					b[p], b[q] = byte(x), byte(y)
					kept := func(c int) bool { return c >= 0x20 && c <= 0x7e || c == '\n' || c == '\t' }
					want := kept(x) && kept(y)
					if got := plain8(load8(string(b))); got != want {
						t.Fatalf("plain8(%q) = %v, want %v", b, got, want)
					}
				}
			}
			b[p], b[q] = "abcdefgh"[p], "abcdefgh"[q]
		}
	}
}

// TestTally: a tally counts as a map does, in its slots and past them.
func TestTally(t *testing.T) {
	for n := range 40 {
		var tl tally
		m := map[string]int{}
		for i := range 3 * n {
			k := strconv.Itoa(i * i % (n + 1)) // repeats before all are seen
			m[k]++
			if got := tl.add(k); got != m[k] {
				t.Fatalf("%d keys: add(%s) = %d, want %d", n+1, k, got, m[k])
			}
			for j := range n + 2 {
				k := strconv.Itoa(j)
				if got := tl.get(k); got != m[k] {
					t.Fatalf("%d keys: get(%s) = %d, want %d", n+1, k, got, m[k])
				}
			}
		}
	}
}

// FuzzNoteSlugSame: noteSlug makes the id the one before issue 22 made,
// which read every name with slugRE.
func FuzzNoteSlugSame(f *testing.F) {
	for _, s := range []string{"", "a", "A", "-", "a-b", "A B", "--a--", "a--b", "tcp/tcp-00000.md", "sub/Raft Notes.md", "中文笔记.md", "\u212a.md", "İ.md", "a\xffb.md", "x.y.z", "9", "_a_", "ab-", "Ab-Cd"} {
		f.Add(s, "")
		f.Add("", s)
	}
	f.Fuzz(func(t *testing.T, id, p string) {
		if got, want := noteSlug(id, p), refNoteSlug(id, p); got != want {
			t.Fatalf("noteSlug(%q, %q) = %q, want %q", id, p, got, want)
		}
	})
}

// TestScratchHoldsNoNote: a scratch given back holds no string of the note
// it parsed, in any slot its slices have room for, so the pool keeps no
// note alive.
func TestScratchHoldsNoNote(t *testing.T) {
	// The headings at the end leave popped texts past the length of
	// texts; the comment headings (# pasted, # done) escaped lines.
	text := qaNote() + "\n# pasted\nimport x\ny = f(x)\n# done\n\nsome text\n\n" + strings.Repeat("# a\n## b\n### c\n## d\n", 20)
	sc := new(scratch)
	sc.lines = splitLines(nil, text)
	o := sc.readOutline()
	if len(o.sections) < 300 || len(sc.texts) == 0 || len(sc.paths) == 0 {
		t.Fatalf("%d sections, %d texts, %d paths: the note does not fill the scratch", len(o.sections), len(sc.texts), len(sc.paths))
	}
	noteCards("qa", text, o)
	sc.put(o)
	for name, n := range map[string]int{
		"lines":    countSet(sc.lines[:cap(sc.lines)]),
		"texts":    countSet(sc.texts[:cap(sc.texts)]),
		"paths":    countSet(sc.paths[:cap(sc.paths)]),
		"sections": len(slices.DeleteFunc(slices.Clone(sc.sections[:cap(sc.sections)]), func(s section) bool { return s.path == nil && s.lines == nil && s.head == nil })),
	} {
		if n > 0 {
			t.Errorf("%d of the scratch's %s are still set", n, name)
		}
	}
}

func countSet(s []string) int {
	n := 0
	for _, x := range s {
		if x != "" {
			n++
		}
	}
	return n
}
