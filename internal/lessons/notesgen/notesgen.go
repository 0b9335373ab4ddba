// Package notesgen makes a learner's notes folder of any size for
// benchmarks: notes of varied size (about 5 KB on average) as real folders
// hold them, with YAML and TOML front matter or none, headings of three
// levels, fenced and unfenced code, lists, tables and Chinese text. The
// folder is made without randomness from outside: the same n gives the
// same files.
package notesgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"
)

// Files returns the n notes of the folder, by path below it, in a
// fstest.MapFS whose files all have one modification time.
func Files(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := range n {
		p, text := Note(i)
		fsys[p] = &fstest.MapFile{Data: []byte(text), Mode: 0o644, ModTime: Written}
	}
	return fsys
}

// Written is the modification time of every note of the folder: long
// before any scan, as a learner's notes are.
var Written = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// Write writes the n notes of the folder below dir, each with the
// modification time Written, and returns how many bytes they hold.
func Write(dir string, n int) (int64, error) {
	var total int64
	for i := range n {
		p, text := Note(i)
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return total, err
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return total, err
		}
		if err := os.Chtimes(name, Written, Written); err != nil {
			return total, err
		}
		total += int64(len(text))
	}
	return total, nil
}

var topics = []string{"tcp", "raft", "mvcc", "redis", "kafka", "dns", "http2", "btree", "lsm", "paxos", "cache", "queues", "consensus", "sharding", "gc", "scheduler"}

var facts = []string{
	"the receiver acknowledges bytes, not packets, and the sender keeps a window of them in flight",
	"a leader appends entries to its log and commits one once a majority has stored it",
	"each write makes a new version of a row, and a snapshot reads the versions committed before it",
	"one thread runs every command, so a slow command stalls every client",
	"a partition is an append-only log and a consumer group records an offset per partition",
	"a resolver walks from the root down, and every answer carries a TTL that bounds its caching",
	"nodes hold many sorted keys, so the tree is shallow and a lookup reads a handful of pages",
	"writes go to a memtable and then to sorted runs that compaction merges in the background",
}

// factWords are the words of each fact.
var factWords = func() [][]string {
	var out [][]string
	for _, f := range facts {
		out = append(out, strings.Fields(f))
	}
	return out
}()

var chinese = []string{
	"面试时先说结论，再说代价。",
	"核心是：先保证正确，再谈性能。",
	"写入先进内存表，再刷成有序文件，后台合并。",
	"领导者把日志复制到多数节点后才提交。",
}

// Note returns the path and text of note i of a folder.
func Note(i int) (string, string) {
	r := rand.New(rand.NewPCG(uint64(i), 0x6e6f746573))
	topic := topics[i%len(topics)]
	p := path.Join(topic, fmt.Sprintf("%s-%05d.md", topic, i))
	if i%7 == 3 {
		p = path.Join(topic, "archive", fmt.Sprintf("%d", i%13), fmt.Sprintf("note %05d.markdown", i))
	}
	var b strings.Builder
	title := fmt.Sprintf("%s notes %d", strings.ToUpper(topic[:1])+topic[1:], i)
	switch i % 10 {
	case 0, 1, 2, 3, 4, 5:
		fmt.Fprintf(&b, "---\ntitle: %s\ntags: [%s, interview]\ndate: 2025-%02d-%02d 10:00:00 +0000\ndescription: What I keep forgetting about %s.\n---\n\n", title, topic, 1+i%12, 1+i%28, topic)
	case 6:
		fmt.Fprintf(&b, "+++\ntitle = \"%s\"\ntags = [\"%s\"]\n+++\n\n", title, topic)
	case 7:
		fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("=", len(title)))
	default:
		fmt.Fprintf(&b, "# %s\n\n", title)
	}
	// Sizes vary from a few lines to about 40 KB: most notes are short,
	// a few are long, the mean is about 5 KB.
	sections := 1 + int(r.ExpFloat64()*6)
	if sections > 120 {
		sections = 120
	}
	for s := range sections {
		level := 2 + r.IntN(2)
		if s == 0 {
			level = 2
		}
		fmt.Fprintf(&b, "%s %s %d: %s\n\n", strings.Repeat("#", level), []string{"Question", "Idea", "Failure", "Follow-up", "Numbers"}[r.IntN(5)], s+1, topic)
		paras := 1 + r.IntN(3)
		for range paras {
			words := 30 + r.IntN(60)
			for w := range words {
				if w > 0 {
					if w%14 == 0 {
						b.WriteString("\n")
					} else {
						b.WriteString(" ")
					}
				}
				fw := factWords[r.IntN(len(factWords))]
				b.WriteString(fw[r.IntN(len(fw))])
			}
			b.WriteString(".\n\n")
		}
		switch r.IntN(8) {
		case 0:
			fmt.Fprintf(&b, "```python\n# a sketch for %s\ndef check_%d(state):\n    if state.lag > %d:\n        return False\n    return state.ok\n```\n\n", topic, s, r.IntN(100))
		case 1:
			fmt.Fprintf(&b, "```go\nfunc check%d(s *State) bool {\n\treturn s.OK && s.Lag < %d\n}\n```\n\n", s, r.IntN(100))
		case 2:
			fmt.Fprintf(&b, "%s\n%s\n\n", chinese[r.IntN(len(chinese))], chinese[r.IntN(len(chinese))])
		case 3:
			fmt.Fprintf(&b, "- say what %s promises first\n- then the cost of the promise\n- then one failure you have seen\n\n", topic)
		case 4:
			fmt.Fprintf(&b, "| case | cost | note |\n|---|---|---|\n| hit | %d ns | in memory |\n| miss | %d ms | a disk read<br>or the network |\n\n", r.IntN(500), r.IntN(50))
		case 5:
			// Code pasted without a fence, its comments read as headings.
			fmt.Fprintf(&b, "# pasted from a notebook\nimport heapq\nitems = [%d, %d, %d]\nheapq.heapify(items)\n# the smallest first\nprint(items[0])\n\n", r.IntN(9), r.IntN(9), r.IntN(9))
		}
	}
	return p, b.String()
}
