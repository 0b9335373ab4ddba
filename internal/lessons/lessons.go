// Package lessons is the catalog: the lessons and quiz items embedded in
// content/, and the learner's own markdown notes, loaded and validated.
//
// A lesson is a markdown file with YAML front matter (id, title, tags, order,
// visual, summary). Its quiz items live beside it in <id>.quiz.yaml. Every
// item has a stable card id, derived from its lesson and its text, that the
// review log records answers under.
package lessons

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"go.yaml.in/yaml/v3"
)

// Lesson is one note and its quiz.
type Lesson struct {
	ID      string   `yaml:"id"`
	Title   string   `yaml:"title"`
	Tags    []string `yaml:"tags"`
	Order   int      `yaml:"order"`
	Visual  string   `yaml:"visual"`  // a visual's name, or empty
	Summary string   `yaml:"summary"` // one line

	// Body is the markdown after the front matter.
	Body string `yaml:"-"`
	// Path is where the lesson was read from: "lessons/tcp.md" for an
	// embedded lesson, the file's path for a user note.
	Path string `yaml:"-"`
	// User reports whether the lesson is one of the learner's own notes.
	User bool `yaml:"-"`
	// Items are the quiz items, in file order.
	Items []Item `yaml:"-"`
}

// Kind is the kind of a quiz item.
type Kind string

// The kinds of quiz item written in files. Generated exercises are not
// items: the solutions' visual packages make them.
const (
	Recall Kind = "recall" // front and back, graded Again to Easy
	Choice Kind = "choice" // one right answer among choices, explained
)

// Item is one quiz item of a lesson.
type Item struct {
	Kind Kind `yaml:"kind"`

	Front string `yaml:"front"` // recall
	Back  string `yaml:"back"`  // recall

	Question string   `yaml:"question"` // choice
	Choices  []string `yaml:"choices"`  // choice
	Answer   int      `yaml:"answer"`   // choice: 0-based index into Choices
	Explain  string   `yaml:"explain"`  // choice

	// ID is the card id: "<lesson>/<12 hex digits>" from a hash of the
	// item's prompt, so an edited prompt is a new card and an unchanged one
	// keeps its history.
	ID string `yaml:"-"`
	// Lesson is the id of the lesson the item belongs to.
	Lesson string `yaml:"-"`
	// Markdown reports that Front and Back are markdown, to be rendered:
	// a note's cards. A quiz file's items are plain text ("08. The tag is
	// ..." is not a list).
	Markdown bool `yaml:"-"`
	// IDText, when set, is the text the card id is made from instead of
	// the prompt: the second and later parts of a long section of a note
	// ("Q3 › Code (part 2)"), whose front says "(2/3)".
	IDText string `yaml:"-"`
	// Former, when set, is the text a note's card id was made from before
	// card fronts held the path of headings, and FormerID that id: the
	// review log's records under FormerID count for ID (see
	// Catalog.FormerIDs).
	Former   string `yaml:"-"`
	FormerID string `yaml:"-"`
}

// Prompt is the text a learner is asked: the front of a recall item or the
// question of a choice item.
func (it Item) Prompt() string {
	if it.Kind == Choice {
		return it.Question
	}
	return it.Front
}

// Catalog is the set of lessons, ordered by Order then ID.
type Catalog struct {
	lessons []*Lesson
	byID    map[string]*Lesson
}

// Lessons returns the lessons in order. The slice must not be modified.
func (c *Catalog) Lessons() []*Lesson { return c.lessons }

// Lookup returns the lesson with the given id.
func (c *Catalog) Lookup(id string) (*Lesson, bool) {
	l, ok := c.byID[id]
	return l, ok
}

// IDs returns the lesson ids in order.
func (c *Catalog) IDs() []string {
	ids := make([]string, len(c.lessons))
	for i, l := range c.lessons {
		ids[i] = l.ID
	}
	return ids
}

// Items returns every quiz item of every lesson, in lesson order.
func (c *Catalog) Items() []Item {
	var items []Item
	for _, l := range c.lessons {
		items = append(items, l.Items...)
	}
	return items
}

// Clone returns a catalog of the same lessons, to which lessons can be
// added (see Add) without changing c: the two share the lessons, which
// Add does not change once they are in a catalog.
func (c *Catalog) Clone() *Catalog {
	return &Catalog{lessons: slices.Clone(c.lessons), byID: maps.Clone(c.byID)}
}

// Add adds lessons to the catalog, such as the learner's notes, and
// returns a warning for each lesson it does not add. A lesson keeps the id
// it comes with, which depends on its own file alone, so adding a file
// never changes the id (and with it the card ids and the review history)
// of a lesson already there. A lesson whose id is taken is not added: the
// warning names both files and says how to tell them apart.
func (c *Catalog) Add(ls ...*Lesson) []error {
	var warnings []error
	for _, l := range ls {
		if old := c.byID[l.ID]; old != nil {
			warnings = append(warnings, fmt.Errorf("notes: %s: its id %s is already the id of %s: skipped (give it another id: in its front matter)", SanitizeLine(l.Path), l.ID, SanitizeLine(old.Path)))
			continue
		}
		for i := range l.Items {
			it := &l.Items[i]
			it.Lesson = l.ID
			it.ID = cardID(l.ID, cmp.Or(it.IDText, it.Prompt()))
			if it.Former != "" {
				it.FormerID = cardID(l.ID, it.Former)
			}
		}
		c.byID[l.ID] = l
		c.lessons = append(c.lessons, l)
	}
	c.sort()
	return warnings
}

// FormerIDs maps the card ids that cards of the learner's notes had before
// card fronts held the path of headings to the ids they have now: a card
// "Title › Q1 › Logic Framework" was "Title › Logic Framework" when no
// other heading of its note was "Logic Framework". The review log keeps
// the records it has; replayed through this map, they count for the card
// they were about. A former id that is some card's id now is left out.
func (c *Catalog) FormerIDs() map[string]string {
	now := map[string]bool{}
	for _, l := range c.lessons {
		for _, it := range l.Items {
			now[it.ID] = true
		}
	}
	m := map[string]string{}
	for _, l := range c.lessons {
		for _, it := range l.Items {
			if it.FormerID != "" && !now[it.FormerID] {
				m[it.FormerID] = it.ID
			}
		}
	}
	return m
}

func (c *Catalog) sort() {
	slices.SortStableFunc(c.lessons, func(a, b *Lesson) int {
		if a.User != b.User {
			if a.User {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
	})
}

// Load reads every lessons/<id>.md and lessons/<id>.quiz.yaml in fsys and
// validates them. It returns all the problems it finds, joined, with the file
// and what is wrong; a catalog with problems is not returned.
func Load(fsys fs.FS) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, "lessons")
	if err != nil {
		return nil, fmt.Errorf("lessons: %w", err)
	}
	c := &Catalog{byID: map[string]*Lesson{}}
	var errs []error
	quizzes := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, ".quiz.yaml"):
			quizzes[strings.TrimSuffix(name, ".quiz.yaml")] = true
		case strings.HasSuffix(name, ".md"):
			l, err := loadLesson(fsys, path.Join("lessons", name))
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if c.byID[l.ID] != nil {
				errs = append(errs, fmt.Errorf("%s: id %q used twice", l.Path, l.ID))
				continue
			}
			c.byID[l.ID] = l
			c.lessons = append(c.lessons, l)
		}
	}
	for id := range quizzes {
		if c.byID[id] == nil {
			errs = append(errs, fmt.Errorf("lessons/%s.quiz.yaml: no lesson %s.md beside it", id, id))
		}
	}
	for _, l := range c.lessons {
		if !quizzes[l.ID] {
			errs = append(errs, fmt.Errorf("%s: no quiz file lessons/%s.quiz.yaml", l.Path, l.ID))
			continue
		}
		items, err := loadQuiz(fsys, "lessons/"+l.ID+".quiz.yaml", l.ID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l.Items = items
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	c.sort()
	return c, nil
}

// LoadLesson reads and validates one lesson, lessons/<id>.md in fsys,
// without its quiz: what `tutor render` needs, at a fraction of the cost of
// Load. An id with no file gives an error that wraps fs.ErrNotExist.
func LoadLesson(fsys fs.FS, id string) (*Lesson, error) {
	if !fs.ValidPath(id) || strings.Contains(id, "/") {
		return nil, fmt.Errorf("lesson %q: %w", id, fs.ErrNotExist)
	}
	return loadLesson(fsys, path.Join("lessons", id+".md"))
}

func loadLesson(fsys fs.FS, name string) (*Lesson, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	front, body, ok := splitFrontMatter(data)
	if !ok {
		return nil, fmt.Errorf("%s: no front matter (a first line ---, YAML, a line ---)", name)
	}
	l := &Lesson{}
	dec := yaml.NewDecoder(bytes.NewReader(front))
	dec.KnownFields(true)
	if err := dec.Decode(l); err != nil {
		return nil, fmt.Errorf("%s: front matter: %w", name, err)
	}
	l.Body, l.Path = string(body), name
	want := strings.TrimSuffix(path.Base(name), ".md")
	var problems []string
	if l.ID != want {
		problems = append(problems, fmt.Sprintf("id %q does not match the file name %q", l.ID, want))
	}
	if strings.TrimSpace(l.Title) == "" {
		problems = append(problems, "no title")
	}
	if strings.TrimSpace(l.Summary) == "" || strings.Contains(l.Summary, "\n") {
		problems = append(problems, "summary must be one non-empty line")
	}
	if l.Order <= 0 {
		problems = append(problems, "order must be a positive number")
	}
	if strings.TrimSpace(l.Body) == "" {
		problems = append(problems, "empty body")
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s: %s", name, strings.Join(problems, "; "))
	}
	return l, nil
}

func loadQuiz(fsys fs.FS, name, lesson string) ([]Item, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var items []Item
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&items); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: no items", name)
	}
	var errs []error
	seen := map[string]int{}
	for i := range items {
		it := &items[i]
		if err := it.validate(); err != nil {
			errs = append(errs, fmt.Errorf("%s: item %d: %w", name, i+1, err))
			continue
		}
		it.Lesson = lesson
		it.ID = cardID(lesson, it.Prompt())
		if j, dup := seen[it.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: item %d asks the same as item %d", name, i+1, j+1))
		}
		seen[it.ID] = i
	}
	return items, errors.Join(errs...)
}

func (it Item) validate() error {
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	switch it.Kind {
	case Recall:
		if blank(it.Front) || blank(it.Back) {
			return errors.New("a recall item needs a front and a back")
		}
		if it.Question != "" || it.Choices != nil || it.Explain != "" {
			return errors.New("a recall item has only front and back")
		}
	case Choice:
		if blank(it.Question) {
			return errors.New("a choice item needs a question")
		}
		if len(it.Choices) < 2 {
			return fmt.Errorf("a choice item needs at least 2 choices, has %d", len(it.Choices))
		}
		if it.Answer < 0 || it.Answer >= len(it.Choices) {
			return fmt.Errorf("answer %d is not an index into %d choices", it.Answer, len(it.Choices))
		}
		seen := map[string]bool{}
		for _, ch := range it.Choices {
			if blank(ch) || seen[ch] {
				return fmt.Errorf("choice %q is empty or repeated", ch)
			}
			seen[ch] = true
		}
		if blank(it.Explain) {
			return errors.New("a choice item needs an explanation")
		}
		if it.Front != "" || it.Back != "" {
			return errors.New("a choice item has no front or back")
		}
	default:
		return fmt.Errorf("unknown kind %q (want recall or choice)", it.Kind)
	}
	return nil
}

// cardID is "<lesson>/" and the first 12 hex digits of the SHA-256 of
// prompt with its runs of space made one space and its ends trimmed. A
// prompt that is so already (most are) is hashed as it is, without the
// copy.
func cardID(lesson, prompt string) string {
	var sum [sha256.Size]byte
	if spacedOnce(prompt) {
		sum = sha256.Sum256(unsafe.Slice(unsafe.StringData(prompt), len(prompt)))
	} else {
		sum = sha256.Sum256([]byte(strings.Join(strings.Fields(prompt), " ")))
	}
	return lesson + "/" + hex.EncodeToString(sum[:6])
}

// spacedOnce reports whether s is its own strings.Fields joined by one
// space: no space at either end, and no space but single ASCII spaces.
func spacedOnce(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' && s[i+1] == ' ' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// splitFrontMatter splits "---\n<yaml>\n---\n<body>". It reports false when
// data does not start with a front matter block.
func splitFrontMatter(data []byte) (front, body []byte, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	rest, found := cutLine(data, "---")
	if !found {
		return nil, data, false
	}
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		next := len(rest)
		if end >= 0 {
			line, next = rest[off:off+end], off+end+1
		}
		if string(bytes.TrimRight(line, " \t\r")) == "---" {
			return rest[:off], rest[next:], true
		}
		off = next
	}
	return nil, data, false
}

// cutLine reports whether data's first line is want (trailing spaces and a
// CR allowed) and returns what follows it.
func cutLine(data []byte, want string) ([]byte, bool) {
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(line, " \t\r")) != want {
		return nil, false
	}
	return rest, true
}
