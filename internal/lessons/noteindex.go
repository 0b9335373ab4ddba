package lessons

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"strings"
	"time"
	"unsafe"
)

// NoteIndexVersion is the format of a note index and of what it holds:
// it changes whenever ScanNotes would read a file into other lessons or
// cards than before, so that an index of an older program is never used.
const NoteIndexVersion = 1

// noteIndexMagic starts every note index.
const noteIndexMagic = "tutor notes index\n"

// NoteIndex is what a notes folder's files were read into, each under its
// path, size and modification time: ScanNotesIndexed takes a file from it
// instead of reading it again when its size and time are unchanged. The
// zero NoteIndex (or nil) is empty.
type NoteIndex struct {
	entries map[string]indexEntry
}

// indexEntry is one file of a NoteIndex: the lesson it was read into, or
// why it is not one, and the warning it gave.
type indexEntry struct {
	size, mtime int64
	warn, err   string
	l           *Lesson // nil when err is set
}

// Len reports how many files the index holds.
func (x *NoteIndex) Len() int {
	if x == nil {
		return 0
	}
	return len(x.entries)
}

// ReadNoteIndex decodes a note index that AppendNoteIndex made. build
// names the program (its version and revision); an index made by another
// build, of another NoteIndexVersion, damaged or cut short is an error and
// must be ignored. The index's strings share data's memory, which must
// not be changed afterwards.
func ReadNoteIndex(data []byte, build string) (*NoteIndex, error) {
	if len(data) < len(noteIndexMagic)+4 || string(data[:len(noteIndexMagic)]) != noteIndexMagic {
		return nil, errors.New("not a note index")
	}
	body, sum := data[len(noteIndexMagic):len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, errors.New("note index damaged (checksum)")
	}
	d := &indexDecoder{s: unsafe.String(unsafe.SliceData(body), len(body))}
	if v := d.uint(); v != NoteIndexVersion {
		return nil, errors.New("note index of another format")
	}
	if b := d.str(); b != build || d.bad {
		return nil, errors.New("note index of another build")
	}
	x := &NoteIndex{entries: map[string]indexEntry{}}
	n := d.count(7)
	for range n {
		p := d.str()
		e := indexEntry{size: d.int(), mtime: d.int(), warn: d.str(), err: d.str()}
		if e.err == "" {
			l := &Lesson{Path: p, User: true, ID: d.str(), Title: d.str(), Summary: d.str()}
			if t := d.count(1); t > 0 {
				l.Tags = make([]string, t)
				for i := range l.Tags {
					l.Tags[i] = d.str()
				}
			}
			l.Body = d.str()
			l.Items = make([]Item, d.count(4))
			for i := range l.Items {
				l.Items[i] = Item{Kind: Recall, Markdown: true, Front: d.str(), Back: d.back(l.Body), IDText: d.str(), Former: d.str()}
			}
			e.l = l
		}
		if d.bad {
			return nil, errors.New("note index cut short")
		}
		x.entries[p] = e
	}
	if d.bad || d.s != "" {
		return nil, errors.New("note index damaged")
	}
	return x, nil
}

// AppendNoteIndex appends the encoding of x to dst, for ReadNoteIndex
// with the same build.
func AppendNoteIndex(dst []byte, x *NoteIndex, build string) []byte {
	b := bytes.NewBuffer(dst)
	WriteNoteIndex(b, x, build) // a bytes.Buffer takes every write
	return b.Bytes()
}

// WriteNoteIndex writes the encoding of x to w, a file at a time, for
// ReadNoteIndex with the same build: what AppendNoteIndex appends, without
// holding it all in memory.
func WriteNoteIndex(w io.Writer, x *NoteIndex, build string) error {
	if _, err := io.WriteString(w, noteIndexMagic); err != nil {
		return err
	}
	var sum uint32
	buf := binary.AppendUvarint(nil, NoteIndexVersion)
	buf = appendStr(buf, build)
	buf = binary.AppendUvarint(buf, uint64(x.Len()))
	flush := func() error {
		sum = crc32.Update(sum, crc32.IEEETable, buf)
		_, err := w.Write(buf)
		buf = buf[:0]
		return err
	}
	if x != nil {
		for p, e := range x.entries {
			buf = appendEntry(buf, p, e)
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, sum))
	return err
}

// backWindow is how far past the end of a card's back the next card's back
// is looked for in its note's body: room for the headings between them.
const backWindow = 4096

// backAt finds back in body at or a little past from (backWindow bytes at
// most), where the cards of a note are in order: a search linear in the
// note however many cards it has.
func backAt(body, back string, from int) (int, bool) {
	win := body[from:min(len(body), from+len(back)+backWindow)]
	i := strings.Index(win, back)
	return from + i, i >= 0
}

// appendEntry appends the encoding of the entry of path p.
func appendEntry(dst []byte, p string, e indexEntry) []byte {
	dst = appendStr(dst, p)
	dst = binary.AppendVarint(dst, e.size)
	dst = binary.AppendVarint(dst, e.mtime)
	dst = appendStr(appendStr(dst, e.warn), e.err)
	if e.err != "" {
		return dst
	}
	l := e.l
	dst = appendStr(appendStr(appendStr(dst, l.ID), l.Title), l.Summary)
	dst = binary.AppendUvarint(dst, uint64(len(l.Tags)))
	for _, t := range l.Tags {
		dst = appendStr(dst, t)
	}
	dst = appendStr(dst, l.Body)
	dst = binary.AppendUvarint(dst, uint64(len(l.Items)))
	from := 0 // where the last back found in the body ends
	for _, it := range l.Items {
		dst = appendStr(dst, it.Front)
		// Most backs are a piece of the body as it is: kept once.
		if i, ok := backAt(l.Body, it.Back, from); ok {
			dst = binary.AppendUvarint(binary.AppendUvarint(binary.AppendUvarint(dst, 1), uint64(i)), uint64(len(it.Back)))
			from = i + len(it.Back)
		} else {
			dst = appendStr(binary.AppendUvarint(dst, 0), it.Back)
		}
		dst = appendStr(appendStr(dst, it.IDText), it.Former)
	}
	return dst
}

func appendStr(dst []byte, s string) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
}

// indexDecoder reads a note index's fields; a field that is not there
// sets bad and reads as zero.
type indexDecoder struct {
	s   string
	bad bool
}

func (d *indexDecoder) uint() uint64 {
	v, n := binary.Uvarint(unsafe.Slice(unsafe.StringData(d.s), min(len(d.s), binary.MaxVarintLen64)))
	if n <= 0 {
		d.bad, d.s = true, ""
		return 0
	}
	d.s = d.s[n:]
	return v
}

func (d *indexDecoder) int() int64 {
	v, n := binary.Varint(unsafe.Slice(unsafe.StringData(d.s), min(len(d.s), binary.MaxVarintLen64)))
	if n <= 0 {
		d.bad, d.s = true, ""
		return 0
	}
	d.s = d.s[n:]
	return v
}

// count reads a number of things to come, each at least size bytes
// long, so that no count makes more of them than the data can hold.
func (d *indexDecoder) count(size int) int {
	n := d.uint()
	if n > uint64(len(d.s)/size) {
		d.bad, d.s = true, ""
		return 0
	}
	return int(n)
}

// back reads a card's back: its own text, or where it is in body.
func (d *indexDecoder) back(body string) string {
	if d.uint() == 0 {
		return d.str()
	}
	off, n := d.uint(), d.uint()
	if off > uint64(len(body)) || n > uint64(len(body))-off {
		d.bad, d.s = true, ""
		return ""
	}
	return body[off : off+n]
}

func (d *indexDecoder) str() string {
	n := d.count(1)
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// indexKey is what a file's entry is valid for: its size and modification
// time, from the folder's listing. ok is false for anything but a regular
// file (a link is read every time).
func indexKey(d fs.DirEntry) (size, mtime int64, ok bool) {
	if !d.Type().IsRegular() {
		return 0, 0, false
	}
	fi, err := d.Info()
	if err != nil || !fi.Mode().IsRegular() {
		return 0, 0, false
	}
	return fi.Size(), fi.ModTime().UnixNano(), true
}

// ForgetSince drops from the index every file whose modification time is
// at or after t, and reports how many it dropped. A file read in the
// same tick of the file system's clock as it was last written could be
// written again within that tick, at the same size, and keep the time
// the index holds: called with t a little before the scan began (the
// clock's tick, or more), it makes the next scan read such a file again
// rather than trust it, as git does with its racily clean entries.
func (x *NoteIndex) ForgetSince(t time.Time) int {
	if x == nil {
		return 0
	}
	n := 0
	for p, e := range x.entries {
		if e.mtime >= t.UnixNano() {
			delete(x.entries, p)
			n++
		}
	}
	return n
}

// lookup returns the entry of path p when its size and modification time
// are size and mtime.
func (x *NoteIndex) lookup(p string, size, mtime int64) (indexEntry, bool) {
	if x == nil {
		return indexEntry{}, false
	}
	e, ok := x.entries[p]
	if !ok || e.size != size || e.mtime != mtime {
		return indexEntry{}, false
	}
	if e.l != nil {
		// A copy, whose items the catalog fills in: the index may be
		// scanned with again.
		c := *e.l
		c.Items = append([]Item(nil), e.l.Items...)
		e.l = &c
	}
	return e, true
}
