package review

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func openTemp(t *testing.T) (*Log, string) {
	t.Helper()
	dir := t.TempDir()
	l, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, dir
}

func mustAppend(t *testing.T, l *Log, recs ...Record) {
	t.Helper()
	for _, r := range recs {
		if err := l.Append(r); err != nil {
			t.Fatal(err)
		}
	}
}

func mustLoad(t *testing.T, l *Log) ([]Record, []Warning) {
	t.Helper()
	recs, warns, err := l.Load()
	if err != nil {
		t.Fatal(err)
	}
	return recs, warns
}

// sameRecord reports whether two records are equal, times compared as
// instants.
func sameRecord(a, b Record) bool {
	return a.Time.Equal(b.Time) && a.Card == b.Card && a.Grade == b.Grade && a.Took == b.Took
}

func checkRecords(t *testing.T, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
	}
	for i := range want {
		if !sameRecord(got[i], want[i]) {
			t.Fatalf("record %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func sampleRecords() []Record {
	tokyo := time.FixedZone("JST", 9*3600)
	return []Record{
		{Time: refStart, Card: "kvstore/0", Grade: Good, Took: 4200 * time.Millisecond},
		{Time: time.Date(2026, 3, 29, 1, 30, 0, 123456789, tokyo), Card: "credits.balance", Grade: Again},
		{Time: refStart.Add(time.Hour), Card: `quote " back\slash` + "\nnew line\ttab", Grade: Hard, Took: time.Hour},
		{Time: refStart.Add(2 * time.Hour), Card: "中文/キー/😀", Grade: Easy, Took: time.Millisecond},
		{Time: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), Card: "x", Grade: Good},
		{Time: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), Card: "y", Grade: Good},
	}
}

func TestLogRoundTrip(t *testing.T) {
	l, dir := openTemp(t)
	if want := filepath.Join(dir, LogName); l.Path() != want {
		t.Errorf("Path() = %q, want %q", l.Path(), want)
	}
	want := sampleRecords()
	mustAppend(t, l, want...)
	recs, warns := mustLoad(t, l)
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	checkRecords(t, recs, want)
	for _, r := range recs {
		if r.Time.Location() != time.UTC {
			t.Errorf("loaded time %v is not in UTC", r.Time)
		}
	}

	// Took is kept in whole milliseconds.
	mustAppend(t, l, Record{Time: refStart, Card: "ms", Grade: Good, Took: 1500*time.Microsecond + 7})
	recs, _ = mustLoad(t, l)
	if got := recs[len(recs)-1].Took; got != time.Millisecond {
		t.Errorf("Took 1.500007ms came back as %v, want 1ms", got)
	}

	// Another Log on the same file, and ReadLog, see the same records.
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	l2, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	again, _ := mustLoad(t, l2)
	checkRecords(t, again, recs)
	read, warns, err := ReadLog(dir)
	if err != nil || len(warns) != 0 {
		t.Fatalf("ReadLog: %v, %v", err, warns)
	}
	checkRecords(t, read, recs)

	// The file is one JSON object a line.
	data, err := os.ReadFile(l.Path())
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(data), "\n"); lines != len(recs) || !bytes.HasSuffix(data, []byte("}\n")) {
		t.Errorf("file has %d newlines for %d records:\n%s", lines, len(recs), data)
	}
	if fi, err := os.Stat(l.Path()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("log file mode %v, %v; want 0600", fi.Mode(), err)
	}
}

func TestLogEmptyFile(t *testing.T) {
	l, _ := openTemp(t)
	recs, warns := mustLoad(t, l)
	if len(recs) != 0 || len(warns) != 0 {
		t.Errorf("empty log: %v, %v", recs, warns)
	}
	// Blank lines are not records and not warnings either.
	if err := os.WriteFile(l.Path(), []byte("\n\n  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	recs, warns = mustLoad(t, l)
	if len(recs) != 0 || len(warns) != 0 {
		t.Errorf("blank lines: %v, %v", recs, warns)
	}
	if recs, warns, err := ReadLog(t.TempDir()); err != nil || recs != nil || warns != nil {
		t.Errorf("ReadLog of a directory with no log: %v, %v, %v", recs, warns, err)
	}
}

// TestLogTornTail: a crash cut the last write short. Load keeps every
// earlier record and warns about the torn line by number; Append then starts
// on a fresh line, and the torn bytes stay skipped.
func TestLogTornTail(t *testing.T) {
	l, _ := openTemp(t)
	want := sampleRecords()[:3]
	mustAppend(t, l, want...)

	torn := appendRecord(nil, Record{Time: refStart, Card: "torn", Grade: Good})
	torn = torn[:len(torn)/2]
	f, err := os.OpenFile(l.Path(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(torn); err != nil {
		t.Fatal(err)
	}
	f.Close()

	recs, warns := mustLoad(t, l)
	checkRecords(t, recs, want)
	if len(warns) != 1 || warns[0].Line != 4 || !warns[0].Torn || warns[0].Text != string(torn) {
		t.Fatalf("warnings %+v, want one torn line 4 holding %q", warns, torn)
	}
	msg := warns[0].String()
	if !strings.Contains(msg, l.Path()+":4:") || !strings.Contains(msg, "torn") {
		t.Errorf("warning %q does not name the file, line 4 and the tear", msg)
	}

	next := Record{Time: refStart.Add(day), Card: "after the crash", Grade: Easy, Took: time.Second}
	mustAppend(t, l, next)
	recs, warns = mustLoad(t, l)
	checkRecords(t, recs, append(want, next))
	if len(warns) != 1 || warns[0].Line != 4 || warns[0].Torn || !warns[0].Ended {
		t.Fatalf("after Append: warnings %+v, want line 4, no longer the last line, ended", warns)
	}
	data, _ := os.ReadFile(l.Path())
	if !bytes.Contains(data, append(torn, '\n')) {
		t.Error("the torn bytes were not kept in the file")
	}

	// A tail that lacks only its newline is a whole record: kept, and the
	// next append still starts on its own line.
	whole := appendRecord(nil, Record{Time: refStart, Card: "no newline", Grade: Hard})
	f, _ = os.OpenFile(l.Path(), os.O_WRONLY|os.O_APPEND, 0)
	f.Write(whole[:len(whole)-1])
	f.Close()
	mustAppend(t, l, next)
	recs, warns = mustLoad(t, l)
	if len(recs) != 6 || recs[4].Card != "no newline" || recs[5].Card != next.Card || len(warns) != 1 {
		t.Errorf("record without newline: %d records %v, warnings %v", len(recs), recs, warns)
	}
}

func TestLogCorruptLines(t *testing.T) {
	l, _ := openTemp(t)
	good := func(card string) string {
		return string(appendRecord(nil, Record{Time: refStart, Card: card, Grade: Good}))
	}
	content := good("one") +
		"garbage that is not JSON\n" +
		good("two") +
		`{"time":"yesterday","card":"x","grade":3}` + "\n" +
		`{"time":"2026-01-01T00:00:00Z","card":"x","grade":9}` + "\n" +
		"\n" +
		`{"time":"2026-01-01T00:00:00Z","grade":3}` + "\n" +
		`{"time":"2026-01-01T00:00:00Z","card":"x","grade":3,"took_ms":-5}` + "\n" +
		"\x00\x00\x00\x00\n" +
		`{"time":"2026-01-01T00:00:00Z","card":"three","grade":2,"future":true}` + "\r\n" +
		good("four")
	if err := os.WriteFile(l.Path(), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	recs, warns := mustLoad(t, l)
	var cards []string
	for _, r := range recs {
		cards = append(cards, r.Card)
	}
	if strings.Join(cards, ",") != "one,two,three,four" {
		t.Errorf("records %v, want one,two,three,four", cards)
	}
	wantLines := []int{2, 4, 5, 7, 8, 9}
	wantWords := []string{"invalid character", `time "yesterday"`, "grade 9", `no "card"`, "took_ms -5", "invalid character"}
	if len(warns) != len(wantLines) {
		t.Fatalf("warnings %v, want lines %v", warns, wantLines)
	}
	for i, w := range warns {
		msg := w.String()
		if w.Line != wantLines[i] || w.Torn || !strings.Contains(msg, ":"+strconv.Itoa(w.Line)+":") ||
			!strings.Contains(msg, wantWords[i]) {
			t.Errorf("warning %d: %q (line %d), want line %d mentioning %q", i, msg, w.Line, wantLines[i], wantWords[i])
		}
	}
	// The terminal never receives the raw bytes of a corrupt line.
	if msg := warns[5].String(); strings.ContainsRune(msg, 0) {
		t.Errorf("warning carries raw control bytes: %q", msg)
	}
}

func TestLogLongCorruptLine(t *testing.T) {
	l, _ := openTemp(t)
	long := strings.Repeat("é", 1000) // 2000 bytes, cut inside a rune at 80
	os.WriteFile(l.Path(), []byte(long+"\n"), 0o600)
	_, warns := mustLoad(t, l)
	if len(warns) != 1 || len(warns[0].Text) > 100 || !strings.HasPrefix(warns[0].Text, strings.Repeat("é", 40)) ||
		!strings.Contains(warns[0].Text, "2000 bytes") {
		t.Errorf("long line shortened to %q", warns[0].Text)
	}
}

func TestAppendRefusesBadRecords(t *testing.T) {
	l, _ := openTemp(t)
	for _, tc := range []struct {
		r     Record
		words string
	}{
		{Record{Time: refStart, Grade: Good}, "empty card id"},
		{Record{Time: refStart, Card: "a\xffb", Grade: Good}, `"a\xffb" is not valid UTF-8`},
		{Record{Time: refStart, Card: "a", Grade: 0}, "grade 0"},
		{Record{Time: refStart, Card: "a", Grade: 5}, "grade 5"},
		{Record{Card: "a", Grade: Good}, "no time"},
		{Record{Time: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Card: "a", Grade: Good}, "years 1 to 9999"},
		{Record{Time: refStart, Card: "a", Grade: Good, Took: -time.Second}, "-1s"},
	} {
		if err := l.Append(tc.r); err == nil || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("Append(%+v) = %v, want an error containing %q", tc.r, err, tc.words)
		}
	}
	if data, _ := os.ReadFile(l.Path()); len(data) != 0 {
		t.Errorf("refused records were written: %q", data)
	}
}

func TestLogClosed(t *testing.T) {
	l, _ := openTemp(t)
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := l.Append(Record{Time: refStart, Card: "a", Grade: Good}); err == nil || !strings.Contains(err.Error(), l.Path()) {
		t.Errorf("Append after Close: %v", err)
	}
	if _, _, err := l.Load(); err == nil {
		t.Error("Load after Close succeeded")
	}
}

// TestOpenLogErrors: a state directory that cannot be created, or a log
// that cannot be opened for writing, gives an error naming the path. Root
// ignores permission bits, so the cases that hold for everyone come first.
func TestOpenLogErrors(t *testing.T) {
	base := t.TempDir()
	wantErr := func(dir, path string) {
		t.Helper()
		l, err := OpenLog(dir)
		if err == nil {
			l.Close()
			t.Fatalf("OpenLog(%q) succeeded", dir)
		}
		if !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "\n") {
			t.Errorf("OpenLog(%q): %q does not name %q on one line", dir, err, path)
		}
	}

	// A directory under a regular file cannot be created, even by root.
	plain := filepath.Join(base, "plain")
	if err := os.WriteFile(plain, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	wantErr(filepath.Join(plain, "state"), filepath.Join(plain, "state"))
	wantErr(plain, plain)

	// A log path that is a directory cannot be written, even by root.
	dirLog := filepath.Join(base, "dirlog")
	if err := os.MkdirAll(filepath.Join(dirLog, LogName), 0o700); err != nil {
		t.Fatal(err)
	}
	wantErr(dirLog, filepath.Join(dirLog, LogName))
	if _, _, err := ReadLog(dirLog); err == nil || !strings.Contains(err.Error(), filepath.Join(dirLog, LogName)) {
		t.Errorf("ReadLog of a directory: %v", err)
	}

	if _, err := OpenLog(""); err == nil {
		t.Error(`OpenLog("") succeeded`)
	}

	// Permission bits: only enforced for users other than root.
	ro := filepath.Join(base, "readonly")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o700) })
	if os.Geteuid() == 0 {
		t.Log("running as root: permission bits are not enforced, so the read-only directory case is left to the cases above")
		return
	}
	wantErr(ro, filepath.Join(ro, LogName))
	wantErr(filepath.Join(ro, "sub"), filepath.Join(ro, "sub"))

	// A read-only log can still be read with ReadLog.
	rw := filepath.Join(base, "rw")
	l, err := OpenLog(rw)
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, Record{Time: refStart, Card: "kept", Grade: Good})
	l.Close()
	os.Chmod(filepath.Join(rw, LogName), 0o400)
	wantErr(rw, filepath.Join(rw, LogName))
	if recs, _, err := ReadLog(rw); err != nil || len(recs) != 1 || recs[0].Card != "kept" {
		t.Errorf("ReadLog of a read-only log: %v, %v", recs, err)
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if d, err := DefaultDir(); err != nil || d != "/xdg/state/tutor" {
		t.Errorf("with XDG_STATE_HOME: %q, %v", d, err)
	}
	t.Setenv("HOME", "/home/learner")
	for _, xdg := range []string{"", "relative/path"} {
		t.Setenv("XDG_STATE_HOME", xdg)
		if d, err := DefaultDir(); err != nil || d != "/home/learner/.local/state/tutor" {
			t.Errorf("XDG_STATE_HOME=%q: %q, %v", xdg, d, err)
		}
	}
	t.Setenv("HOME", "")
	if d, err := DefaultDir(); err == nil {
		t.Errorf("no HOME and no XDG_STATE_HOME gave %q", d)
	}
}

// TestConcurrentAppends: goroutines appending through one Log and through
// two Logs on the same file (distinct open files, so flock decides) never
// interleave their lines.
func TestConcurrentAppends(t *testing.T) {
	l1, dir := openTemp(t)
	l2, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	const writers, each = 8, 50
	var wg sync.WaitGroup
	for w := range writers {
		l := l1
		if w%2 == 1 {
			l = l2
		}
		wg.Go(func() {
			for i := range each {
				r := Record{Time: refStart.Add(time.Duration(i) * time.Second),
					Card: fmt.Sprintf("w%d/%03d/%s", w, i, strings.Repeat("x", 300)), Grade: Grade(i%4 + 1)}
				if err := l.Append(r); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	recs, warns := mustLoad(t, l1)
	if len(recs) != writers*each || len(warns) != 0 {
		t.Fatalf("%d records and warnings %v; want %d and none", len(recs), warns, writers*each)
	}
	checkWriterOrder(t, recs, writers, each)
}

// checkWriterOrder checks that each writer's records are all there, in the
// order it wrote them.
func checkWriterOrder(t *testing.T, recs []Record, writers, each int) {
	t.Helper()
	next := make([]int, writers)
	for _, r := range recs {
		var w, i int
		if _, err := fmt.Sscanf(r.Card, "w%d/%d/", &w, &i); err != nil || w < 0 || w >= writers {
			t.Fatalf("unexpected card %q", r.Card)
		}
		if i != next[w] || r.Grade != Grade(i%4+1) || !r.Time.Equal(refStart.Add(time.Duration(i)*time.Second)) {
			t.Fatalf("writer %d: got record %d (%+v), want record %d", w, i, r, next[w])
		}
		next[w]++
	}
	for w, n := range next {
		if n != each {
			t.Errorf("writer %d: %d records, want %d", w, n, each)
		}
	}
}

const helperEnv = "TUTOR_REVIEW_HELPER_WRITER"

// TestHelperWriter is not a test of its own: TestTwoProcesses runs the test
// binary again with only this test and helperEnv set to "dir|writer", and
// this appends 200 records to the log in dir as that writer.
func TestHelperWriter(t *testing.T) {
	spec := os.Getenv(helperEnv)
	if spec == "" {
		t.Skip("helper process for TestTwoProcesses")
	}
	dir, ws, _ := strings.Cut(spec, "|")
	w, err := strconv.Atoi(ws)
	if err != nil {
		t.Fatalf("bad %s=%q", helperEnv, spec)
	}
	l, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	// Say we are ready, then wait for the go signal so both writers start
	// together.
	if err := os.WriteFile(filepath.Join(dir, "ready"+ws), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor(t, filepath.Join(dir, "go"))
	for i := range 200 {
		r := Record{Time: refStart.Add(time.Duration(i) * time.Second),
			Card: fmt.Sprintf("w%d/%03d/%s", w, i, strings.Repeat("y", 200)), Grade: Grade(i%4 + 1), Took: time.Duration(i) * time.Millisecond}
		if err := l.Append(r); err != nil {
			t.Fatal(err)
		}
	}
}

func waitFor(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not appear", path)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestTwoProcesses: two processes append 200 records each to the same log
// at the same time; every record is there, intact, and in each writer's
// order, with no warning.
func TestTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenLog(dir); err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for w := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d", helperEnv, dir, w))
		out := new(bytes.Buffer)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
		outs = append(outs, out)
	}
	waitFor(t, filepath.Join(dir, "ready0"))
	waitFor(t, filepath.Join(dir, "ready1"))
	if err := os.WriteFile(filepath.Join(dir, "go"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for w, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer %d: %v\n%s", w, err, outs[w])
		}
		if !strings.Contains(outs[w].String(), "--- PASS: TestHelperWriter") {
			t.Fatalf("writer %d did not run its appends:\n%s", w, outs[w])
		}
	}

	l, err := OpenLog(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	recs, warns := mustLoad(t, l)
	if len(recs) != 400 || len(warns) != 0 {
		t.Fatalf("%d records, warnings %v; want 400 and none", len(recs), warns)
	}
	checkWriterOrder(t, recs, 2, 200)
	switches := 0
	for i := 1; i < len(recs); i++ {
		if recs[i].Card[1] != recs[i-1].Card[1] {
			switches++
		}
	}
	t.Logf("the writers took turns %d times", switches)
}

// benchLog returns a log of 100,000 records as Append writes them.
func benchLog() []byte {
	var buf []byte
	for _, r := range benchRecords(100_000, 1_000) {
		buf = appendRecord(buf, r)
	}
	return buf
}

// BenchmarkLoad reads and parses a log of 100,000 records: with
// BenchmarkReplay, what starting a quiz costs.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	buf := benchLog()
	if err := os.WriteFile(filepath.Join(dir, LogName), buf, 0o600); err != nil {
		b.Fatal(err)
	}
	l, err := OpenLog(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		recs, warns, err := l.Load()
		if err != nil || len(recs) != 100_000 || len(warns) != 0 {
			b.Fatalf("%d records, %d warnings, %v", len(recs), len(warns), err)
		}
	}
	reportPerRecord(b, 100_000, cpuTime()-cpu)
}

// TestParseWritten: lines as Append writes them take the fast path and give
// what encoding/json gives; lines in other shapes are left to
// encoding/json.
func TestParseWritten(t *testing.T) {
	for _, r := range sampleRecords() {
		line := appendRecord(nil, r)
		line = line[:len(line)-1]
		fast, ok := parseWritten(line)
		slow, err := parseJSON(line)
		if err != nil || !sameRecord(slow, r) {
			t.Fatalf("encoding/json: %+v, %v; want %+v", slow, err, r)
		}
		escaped := bytes.IndexByte(line, '\\') >= 0
		if ok == escaped || (ok && !sameRecord(fast, r)) {
			t.Errorf("fast path on %s: %+v, %v", line, fast, ok)
		}
	}
	for _, line := range []string{
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3,"took_ms":1} `,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":03,"took_ms":1}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3,"took_ms":-1}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3,"took_ms":1e3}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3,"took_ms":9223372036855}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a","grade":3,"took_ms":1234567890123456789}`,
		`{"card":"a","time":"2026-01-01T00:00:00Z","grade":3,"took_ms":1}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a` + "\x01" + `","grade":3,"took_ms":1}`,
		`{"time":"2026-01-01T00:00:00Z","card":"a` + "\xff" + `","grade":3,"took_ms":1}`,
		`{"time":"yesterday","card":"a","grade":3,"took_ms":1}`,
	} {
		if r, ok := parseWritten([]byte(line)); ok {
			t.Errorf("fast path took %s: %+v", line, r)
		}
	}
}

// BenchmarkLoadJSON is the peer of BenchmarkLoad: the same lines, already
// in memory, each decoded by encoding/json (parseJSON) without the fast
// path.
func BenchmarkLoadJSON(b *testing.B) {
	buf := benchLog()
	b.SetBytes(int64(len(buf)))
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		n := 0
		for line := range bytes.Lines(buf) {
			if _, err := parseJSON(line[:len(line)-1]); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatalf("%d records", n)
		}
	}
	reportPerRecord(b, 100_000, cpuTime()-cpu)
}

// TestReplayLogWithTornTail: the reference sequence answered through a
// real log, a crash tearing a last record, then Load and Replay: the card
// is exactly the one the scheduler gave, and a card id nobody knows any
// more (in the log) neither breaks the replay nor reaches the queue.
func TestReplayLogWithTornTail(t *testing.T) {
	l, _ := openTemp(t)
	s := DefaultScheduler()
	grades := []Grade{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}
	var c Card
	now := refStart
	for i, g := range grades {
		mustAppend(t, l, Record{Time: now, Card: "tcp/3", Grade: g, Took: 2 * time.Second})
		if i%4 == 0 {
			mustAppend(t, l, Record{Time: now, Card: "deleted-lesson/1", Grade: Again})
		}
		c = s.Review(c, g, now)
		now = c.Due
	}
	torn := appendRecord(nil, Record{Time: now, Card: "tcp/3", Grade: Easy})
	f, err := os.OpenFile(l.Path(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(torn[:len(torn)-9])
	f.Close()

	recs, warns := mustLoad(t, l)
	if len(warns) != 1 || !warns[0].Torn || warns[0].Line != len(recs)+1 {
		t.Fatalf("warnings %v, want one torn line %d", warns, len(recs)+1)
	}
	cards := Replay(s, recs)
	if cards["tcp/3"] != c {
		t.Fatalf("replayed card\n %+v\nwant %+v", cards["tcp/3"], c)
	}
	if got := days(cards["tcp/3"]); got != 21 {
		t.Errorf("last interval %d days, want 21", got)
	}
	q := Queue([]string{"tcp/3", "tcp/4"}, cards, c.Due, 5)
	if strings.Join(q, ",") != "tcp/3,tcp/4" {
		t.Errorf("queue at the due time: %v, want [tcp/3 tcp/4]", q)
	}
}
