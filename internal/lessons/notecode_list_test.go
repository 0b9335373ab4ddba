package lessons

import "testing"

// TestFenceCodeIndentedAfterList: indented lines after a list belong to
// its last item (CommonMark), where "# a comment" would be a heading; when
// they read as code by the rules of docs/content.md (a one-# line with a
// line of code below it, or two lines of code) they are fenced there, at
// their indentation, and shown as code with the # kept. The tester's note,
// and the cases either side of the rule.
func TestFenceCodeIndentedAfterList(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"comment and code",
			"## S\n\n- one\n- two\n\n    # an unfenced comment in indented code\n    x = 1\n",
			"## S\n\n- one\n- two\n\n    ```\n    # an unfenced comment in indented code\n    x = 1\n    ```\n"},
		{"two lines of code, right under the item",
			"## S\n\n1. step\n    x = 1\n    y = f(x)\nafter\n",
			"## S\n\n1. step\n    ```\n    x = 1\n    y = f(x)\n    ```\nafter\n"},
		{"prose of the item", // a hanging indent: not code
			"## S\n\n- one\n\n    more about one, said in words\n    # and no code below\n",
			"## S\n\n- one\n\n    more about one, said in words\n    # and no code below\n"},
		{"one line of code", // needs a comment above it, or a second line
			"## S\n\n- one\n\n    x = 1\n",
			"## S\n\n- one\n\n    x = 1\n"},
		{"indented code of the item", // four past its text: code already
			"## S\n\n- one\n\n      # comment\n      x = 1\n",
			"## S\n\n- one\n\n      # comment\n      x = 1\n"},
		{"no list above", // an indented code block already
			"## S\n\ntext\n\n    # comment\n    x = 1\n",
			"## S\n\ntext\n\n    # comment\n    x = 1\n"},
		{"the list ended", // a paragraph between: an indented code block
			"## S\n\n- one\n\nwords\n\n    # comment\n    x = 1\n",
			"## S\n\n- one\n\nwords\n\n    # comment\n    x = 1\n"},
	} {
		if got := FenceCode(c.in); got != c.want {
			t.Errorf("%s: FenceCode(%q) =\n%q, want\n%q", c.name, c.in, got, c.want)
		}
	}
}
