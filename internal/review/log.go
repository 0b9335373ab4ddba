package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"tutor/internal/filelock"
)

// LogName is the name of the review log file inside the state directory.
const LogName = "reviews.jsonl"

// MaxLogSize is the most of a log that is read: 256 MiB, some three
// million answers. A longer file (or a link to a device that never ends)
// is not read, and says so.
const MaxLogSize = 256 << 20

// FutureSlack is how far after the clock a record may be dated before it
// is skipped as dated in the future: clocks of two machines sharing a log
// differ, but not by a day.
const FutureSlack = 24 * time.Hour

// DefaultDir returns the directory the review log lives in by default:
// $XDG_STATE_HOME/tutor, or ~/.local/state/tutor when XDG_STATE_HOME is
// unset, empty or not an absolute path (the XDG Base Directory
// Specification says to ignore a relative one). It does not create the
// directory; [OpenLog] does.
func DefaultDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "tutor"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("review: no state directory: XDG_STATE_HOME is unset and %v", err)
	}
	return filepath.Join(home, ".local", "state", "tutor"), nil
}

// A Warning reports a line of the review log that [Log.Load] skipped: Path
// is the log file; Line the line's number, counting from 1; Text its
// content, cut after 80 bytes
// (raw file bytes: sanitise them before showing them); Err why it was not a
// record.
// Torn is set when it was the last line and had no newline, the trace of a
// write cut short by a crash.
type Warning struct {
	Path string
	Line int
	Text string
	Err  error
	Torn bool
	// Future is set when the line is a record dated more than FutureSlack
	// after the clock: counted, it would hide its card until then.
	Future bool
	// Ended is set for a torn line that a later Append ended: the start
	// of a record as Append writes it, cut short, and not the last line.
	// It was reported as Torn at the start after the crash; the app does
	// not report it again at every start.
	Ended bool
	// BOM is set when the file starts with a UTF-8 byte order mark (an
	// editor's): the mark is skipped and the first record kept.
	BOM bool
}

// String describes the warning in one line that names the file and the line
// number, in the file:line form editors understand.
func (w Warning) String() string {
	if w.BOM {
		return fmt.Sprintf("%s:%d: the file starts with a byte order mark (an editor added it); the record after it is kept", w.Path, w.Line)
	}
	what := "a corrupt line"
	switch {
	case w.Torn:
		what = "a torn last line (a write cut short, probably by a crash)"
	case w.Ended:
		what = "a line torn by an earlier crash and ended by a later answer"
	case w.Future:
		what = "a record dated in the future"
	}
	return fmt.Sprintf("%s:%d: skipped %s: %v: %q", w.Path, w.Line, what, w.Err, w.Text)
}

// A Log is the review log of one state directory: the file
// <dir>/reviews.jsonl, one JSON object a line, one line per answer, only ever
// appended to. A Log is safe for concurrent use, and several processes may
// append to the same file at once (see [Log.Append]). Its zero value is not
// usable: get one from [OpenLog].
type Log struct {
	path string
	mu   sync.Mutex
	f    *os.File // nil once closed
}

// OpenLog opens the review log in dir for reading and appending, creating
// dir (mode 0700, with its parents) and the file (mode 0600) if they do not
// exist. It fails, with an error naming the path, when dir cannot be created
// or the file cannot be opened for writing: the caller can then still read
// the log with [ReadLog] and run without saving answers.
func OpenLog(dir string) (*Log, error) {
	if dir == "" {
		return nil, errors.New("review: no state directory given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("review: cannot create the state directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, LogName)
	// O_NONBLOCK: a named pipe in the log's place must not block the
	// start; it is refused below.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE|filelock.OpenNonblock, 0o600)
	if err != nil {
		return nil, fmt.Errorf("review: cannot open the review log %s for writing: %w", path, err)
	}
	if err := checkRegular(f, path); err != nil {
		f.Close()
		return nil, err
	}
	syncDir(dir)
	return &Log{path: path, f: f}, nil
}

// checkRegular refuses a log that is not a regular file: a named pipe
// would block every read, a device (a link to /dev/zero) never ends.
func checkRegular(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("review: cannot read the review log %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("review: the review log %s is not a regular file but %s", path, kindOf(fi.Mode()))
	}
	return nil
}

// kindOf names the kind of file a mode is.
func kindOf(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "of mode " + m.String()
}

// readBounded reads r to its end, or fails once it has given more than
// MaxLogSize bytes.
func readBounded(r io.Reader, path string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxLogSize+1))
	if err != nil {
		return nil, fmt.Errorf("review: cannot read %s: %w", path, err)
	}
	if len(data) > MaxLogSize {
		return nil, fmt.Errorf("review: cannot read %s: longer than %d bytes, the most that is read", path, MaxLogSize)
	}
	return data, nil
}

// syncDir makes a newly created log file's directory entry durable. It is
// best effort: some file systems refuse to sync a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// Path returns the path of the log file.
func (l *Log) Path() string { return l.path }

// Append adds r to the end of the log as one JSON line and syncs the file
// to disk before it returns. It writes with O_APPEND in a single write
// call while holding an exclusive advisory lock (flock) on the file, so the
// lines of two processes never interleave. If the file does not end in a
// newline (the torn tail of a crashed write), Append first ends that line,
// so the new record starts on a line of its own and the torn bytes stay a
// line that Load skips. Took is stored in whole milliseconds, Time in UTC
// with nanoseconds. A record without a card id, with an id that is not
// UTF-8, an invalid grade, a zero time or a negative Took is refused with an
// error naming the bad value, and nothing is written.
func (l *Log) Append(r Record) error {
	if err := r.check(); err != nil {
		return fmt.Errorf("review: not appended: %w", err)
	}
	line := appendRecord(nil, r)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return fmt.Errorf("review: append to %s: %w", l.path, os.ErrClosed)
	}
	// Where there is no flock(2), two processes appending at once rely on
	// O_APPEND alone.
	if err := filelock.Lock(l.f, true); err != nil {
		return fmt.Errorf("review: cannot lock %s: %w", l.path, err)
	}
	defer filelock.Unlock(l.f)
	fi, err := l.f.Stat()
	if err != nil {
		return fmt.Errorf("review: append to %s: %w", l.path, err)
	}
	if n := fi.Size(); n > 0 {
		var last [1]byte
		if _, err := l.f.ReadAt(last[:], n-1); err != nil {
			return fmt.Errorf("review: append to %s: %w", l.path, err)
		}
		if last[0] != '\n' {
			line = append([]byte{'\n'}, line...)
		}
	}
	if _, err := l.f.Write(line); err != nil {
		return fmt.Errorf("review: append to %s: %w", l.path, err)
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("review: sync %s: %w", l.path, err)
	}
	return nil
}

// Load reads every record of the log, in file order. A line that is not a
// valid record (torn by a crash, or corrupted) is skipped with a [Warning]
// naming its line number; blank lines are ignored; a last line that lacks
// only its newline is a record like any other. Load returns an error only
// when the file cannot be read, never because of its content. It holds a
// shared lock while reading, so it never sees another process's append half
// done. The cost is one read of the whole file, memory for it, and about
// 450 ns of CPU a line in the form Append writes (see BenchmarkLoad).
func (l *Log) Load() ([]Record, []Warning, error) { return l.LoadAt(time.Time{}) }

// LoadAt is Load with the clock reading now: a record dated more than
// FutureSlack after it is skipped with a Warning (Future set). The zero
// time skips nothing, as Load does.
func (l *Log) LoadAt(now time.Time) ([]Record, []Warning, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil, nil, fmt.Errorf("review: load %s: %w", l.path, os.ErrClosed)
	}
	if err := filelock.Lock(l.f, false); err != nil {
		return nil, nil, fmt.Errorf("review: cannot lock %s: %w", l.path, err)
	}
	defer filelock.Unlock(l.f)
	data, err := readBounded(io.NewSectionReader(l.f, 0, math.MaxInt64), l.path)
	if err != nil {
		return nil, nil, err
	}
	recs, warns := parseLog(data, l.path, now)
	return recs, warns, nil
}

// ReadLog reads the review log in dir without opening it for writing, for
// when [OpenLog] fails but the past answers may still be readable. A
// missing file is an empty log. Lines are handled as by [Log.Load].
func ReadLog(dir string) ([]Record, []Warning, error) { return ReadLogAt(dir, time.Time{}) }

// ReadLogAt is ReadLog with the clock reading now, as for [Log.LoadAt].
func ReadLogAt(dir string, now time.Time) ([]Record, []Warning, error) {
	path := filepath.Join(dir, LogName)
	f, err := os.OpenFile(path, os.O_RDONLY|filelock.OpenNonblock, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("review: cannot read the review log %s: %w", path, err)
	}
	defer f.Close()
	if err := checkRegular(f, path); err != nil {
		return nil, nil, err
	}
	data, err := readBounded(f, path)
	if err != nil {
		return nil, nil, err
	}
	recs, warns := parseLog(data, path, now)
	return recs, warns, nil
}

// Close closes the log file. Append and Load fail after Close; closing a
// closed Log does nothing.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	if err != nil {
		return fmt.Errorf("review: close %s: %w", l.path, err)
	}
	return nil
}

// wireRecord is a record as written: one JSON object a line, e.g.
//
//	{"time":"2026-11-22T01:54:36.5Z","card":"kvstore/3","grade":3,"took_ms":4200}
type wireRecord struct {
	Time   string `json:"time"`
	Card   string `json:"card"`
	Grade  int    `json:"grade"`
	TookMS int64  `json:"took_ms"`
}

// readRecord is a record as read: pointers tell a missing field from a
// zero one. took_ms may be missing (it is then 0); unknown fields are
// ignored, so later versions may add some.
type readRecord struct {
	Time   *string `json:"time"`
	Card   *string `json:"card"`
	Grade  *int    `json:"grade"`
	TookMS *int64  `json:"took_ms"`
}

// appendRecord appends r's line, newline included, to buf.
func appendRecord(buf []byte, r Record) []byte {
	b, err := json.Marshal(wireRecord{
		Time:   r.Time.UTC().Format(time.RFC3339Nano),
		Card:   r.Card,
		Grade:  int(r.Grade),
		TookMS: r.Took.Milliseconds(),
	})
	if err != nil { // strings and integers always marshal
		panic("review: marshal record: " + err.Error())
	}
	buf = append(buf, b...)
	return append(buf, '\n')
}

// parseRecord parses one line of the log (without its newline). Lines in
// exactly the form appendRecord writes take a fast path; any other line is
// decoded by encoding/json, which gives the same record for a line both
// accept (FuzzParseRecord checks this).
func parseRecord(line []byte) (Record, error) {
	r, ok := parseWritten(line)
	if !ok {
		return parseJSON(line)
	}
	if err := r.check(); err != nil {
		return Record{}, err
	}
	return r, nil
}

// parseWritten parses a line in the exact form appendRecord writes, with
// keys in that order, no spaces, and no escapes, control characters or
// invalid UTF-8 in the strings. It reports false for any other line, and
// for a line of that form whose time does not parse, leaving those to
// parseJSON and its error messages. It does not check the record.
func parseWritten(line []byte) (Record, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"time":`))
	if !ok {
		return Record{}, false
	}
	ts, rest, ok := cutString(rest)
	if !ok {
		return Record{}, false
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"card":`)); !ok {
		return Record{}, false
	}
	card, rest, ok := cutString(rest)
	if !ok {
		return Record{}, false
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"grade":`)); !ok {
		return Record{}, false
	}
	grade, rest, ok := cutInt(rest)
	if !ok {
		return Record{}, false
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"took_ms":`)); !ok {
		return Record{}, false
	}
	ms, rest, ok := cutInt(rest)
	if !ok || string(rest) != "}" || ms > math.MaxInt64/int64(time.Millisecond) {
		return Record{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(ts))
	if err != nil {
		return Record{}, false
	}
	return Record{Time: t.UTC(), Card: string(card), Grade: Grade(grade), Took: time.Duration(ms) * time.Millisecond}, true
}

// cutString cuts a JSON string without escapes off the front of b and
// returns its contents; false if b does not start with one, or the string
// holds a backslash, a control character or invalid UTF-8.
func cutString(b []byte) (s, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '"' {
		return nil, nil, false
	}
	for i := 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			s = b[1:i]
			return s, b[i+1:], utf8.Valid(s)
		case c == '\\' || c < 0x20:
			return nil, nil, false
		}
	}
	return nil, nil, false
}

// cutInt cuts a JSON integer of at most 18 digits (no sign, no leading
// zero) off the front of b.
func cutInt(b []byte) (n int64, rest []byte, ok bool) {
	i := 0
	for i < len(b) && i < 19 && b[i] >= '0' && b[i] <= '9' {
		n = n*10 + int64(b[i]-'0')
		i++
	}
	if i == 0 || i > 18 || (b[0] == '0' && i > 1) {
		return 0, nil, false
	}
	return n, b[i:], true
}

// parseJSON parses any line with encoding/json: keys in any order or case,
// escapes, spaces, unknown fields.
func parseJSON(line []byte) (Record, error) {
	if !utf8.Valid(line) {
		// encoding/json would make U+FFFD of the bad bytes and file the
		// answer under a card that does not exist.
		return Record{}, errors.New("the line is not valid UTF-8")
	}
	var w readRecord
	if err := json.Unmarshal(line, &w); err != nil {
		return Record{}, err
	}
	switch {
	case w.Time == nil:
		return Record{}, errors.New(`no "time" field`)
	case w.Card == nil:
		return Record{}, errors.New(`no "card" field`)
	case w.Grade == nil:
		return Record{}, errors.New(`no "grade" field`)
	}
	t, err := time.Parse(time.RFC3339Nano, *w.Time)
	if err != nil {
		return Record{}, fmt.Errorf("time %q is not RFC 3339", *w.Time)
	}
	r := Record{Time: t.UTC(), Card: *w.Card, Grade: Grade(*w.Grade)}
	if w.TookMS != nil {
		ms := *w.TookMS
		if ms < 0 || ms > math.MaxInt64/int64(time.Millisecond) {
			return Record{}, fmt.Errorf("took_ms %d is out of range", ms)
		}
		r.Took = time.Duration(ms) * time.Millisecond
	}
	if err := r.check(); err != nil {
		return Record{}, err
	}
	return r, nil
}

// check reports what makes r unfit for the log, naming the value.
func (r Record) check() error {
	switch {
	case r.Card == "":
		return errors.New("record has an empty card id")
	case !utf8.ValidString(r.Card):
		return fmt.Errorf("card id %q is not valid UTF-8", r.Card)
	case strings.ContainsRune(r.Card, utf8.RuneError):
		return fmt.Errorf("card id %q holds U+FFFD (a lone surrogate or bad bytes where it was written)", r.Card)
	case !r.Grade.IsValid():
		return fmt.Errorf("grade %d of card %q is not 1 to 4", int(r.Grade), r.Card)
	case r.Time.IsZero():
		return fmt.Errorf("record of card %q has no time", r.Card)
	case r.Time.UTC().Year() < 1 || r.Time.UTC().Year() > 9999:
		return fmt.Errorf("time %v of card %q is outside the years 1 to 9999", r.Time, r.Card)
	case r.Took < 0:
		return fmt.Errorf("time taken %v of card %q is negative", r.Took, r.Card)
	}
	return nil
}

// parseLog splits data into lines and parses each, turning the lines that
// fail into warnings. Every non-blank line gives exactly one record or one
// warning.
//
// A UTF-8 byte order mark before the first line (an editor's) is skipped
// with a warning that keeps the record, and a record dated more than
// FutureSlack after now is skipped with a warning.
func parseLog(data []byte, path string, now time.Time) ([]Record, []Warning) {
	var warns []Warning
	if rest, ok := bytes.CutPrefix(data, []byte("\xef\xbb\xbf")); ok {
		data = rest
		warns = append(warns, Warning{Path: path, Line: 1, BOM: true})
	}
	// Room for every line, but no more than the shortest record (about
	// 50 bytes) allows, so a file of blank lines allocates little.
	recs := make([]Record, 0, min(bytes.Count(data, []byte{'\n'})+1, len(data)/48+1))
	for n := 1; len(data) > 0; n++ {
		line, rest, found := bytes.Cut(data, []byte{'\n'})
		data = rest
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		r, err := parseRecord(line)
		if err != nil {
			ended := found && bytes.HasPrefix(line, []byte(`{"time":"`)) && !bytes.HasSuffix(bytes.TrimSpace(line), []byte("}"))
			warns = append(warns, Warning{Path: path, Line: n, Text: shorten(line, 80), Err: err, Torn: !found, Ended: ended})
			continue
		}
		if !now.IsZero() && r.Time.After(now.Add(FutureSlack)) {
			err := fmt.Errorf("dated %s, after the clock's %s: counted, it would hide card %q until then", r.Time.Format(time.RFC3339), now.UTC().Format(time.RFC3339), r.Card)
			warns = append(warns, Warning{Path: path, Line: n, Text: shorten(line, 80), Err: err, Future: true})
			continue
		}
		recs = append(recs, r)
	}
	return recs, warns
}

// shorten returns b as a string of at most max bytes, cut at a rune
// boundary, with "…" added when it was cut.
func shorten(b []byte, max int) string {
	if len(b) <= max {
		return string(b)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	return string(b[:cut]) + "…(" + strconv.Itoa(len(b)) + " bytes)"
}
