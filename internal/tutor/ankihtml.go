package tutor

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// ankiMarkdown turns the markdown of a recall card's front or back (what
// the quiz renders with glamour, whose parser, goldmark, this is) into
// HTML on one line for an Anki field: code in <pre><code>, its text
// escaped and its lines and indentation kept (a <pre> keeps spaces, its
// newlines become <br>); <strong>, <em>, <code>, lists as <ul>/<ol> of
// <li>, headings, paragraphs as <p>, and a line break in a paragraph as
// <br>, as the quiz keeps it. Raw HTML in the card shows as the text it
// is, escaped, except <br>, which breaks the line as in the quiz. A card
// that is one paragraph is its text alone, without <p>. It holds no raw
// tab or newline, and no raw quote outside a tag's attribute (<ol
// start="3">), so it never starts with one.
func ankiMarkdown(md string) string {
	var b bytes.Buffer
	if err := ankiGoldmark.Convert([]byte(strings.ReplaceAll(md, "\r\n", "\n")), &b); err != nil {
		return ankiHTML(md) // goldmark writes to memory: it does not fail
	}
	s := strings.TrimSuffix(b.String(), "\n")
	s = codeClassRE.ReplaceAllString(s, "<code>")
	// Inside <pre> a newline is a line of code; elsewhere goldmark's
	// newlines only end its tags (a line break is <br> already).
	var out strings.Builder
	for {
		start := strings.Index(s, "<pre>")
		if start < 0 {
			out.WriteString(strings.ReplaceAll(s, "\n", ""))
			break
		}
		end := strings.Index(s[start:], "</pre>")
		if end < 0 {
			end = len(s) - start
		}
		end += start
		out.WriteString(strings.ReplaceAll(s[:start], "\n", ""))
		pre := strings.Replace(s[start:end], "\n</code>", "</code>", 1)
		out.WriteString(strings.ReplaceAll(pre, "\n", "<br>"))
		s = s[end:]
	}
	s = strings.NewReplacer("'", "&#39;", "\t", "&#9;", "\r", "").Replace(out.String())
	if inner, ok := strings.CutPrefix(s, "<p>"); ok && strings.HasSuffix(inner, "</p>") && !strings.Contains(inner, "<p>") {
		s = strings.TrimSuffix(inner, "</p>")
	}
	return s
}

// codeClassRE matches the tag goldmark opens fenced code with when it
// names a language: the class would put a quote in the field.
var codeClassRE = regexp.MustCompile(`<code class="[^"]*">`)

var ankiGoldmark = goldmark.New(goldmark.WithRendererOptions(
	gmhtml.WithHardWraps(),
	renderer.WithNodeRenderers(util.Prioritized(rawAsText{}, 100)),
))

// brTagRE matches a <br> tag as a note writes it: <br>, <br/>, <BR />.
var brTagRE = regexp.MustCompile(`(?i)^<br\s*/?>$`)

// rawAsText renders a card's raw HTML as escaped text, as the export did
// before it read markdown, and a <br> as a line break.
type rawAsText struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (rawAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			var raw []byte
			for i := range segs.Len() {
				seg := segs.At(i)
				raw = append(raw, seg.Value(source)...)
			}
			if brTagRE.Match(raw) {
				w.WriteString("<br>")
			} else {
				w.WriteString(html.EscapeString(string(raw)))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		hb := n.(*ast.HTMLBlock)
		var lines []string
		for i := range hb.Lines().Len() {
			seg := hb.Lines().At(i)
			lines = append(lines, strings.TrimRight(string(seg.Value(source)), "\n"))
		}
		if hb.HasClosure() {
			lines = append(lines, strings.TrimRight(string(hb.ClosureLine.Value(source)), "\n"))
		}
		w.WriteString("<p>" + ankiHTML(strings.Join(lines, "\n")) + "</p>\n")
		return ast.WalkSkipChildren, nil
	})
}
