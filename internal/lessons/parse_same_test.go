package lessons

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

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
