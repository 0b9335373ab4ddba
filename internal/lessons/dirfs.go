package lessons

import (
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS is os.DirFS(dir) for reading untrusted folders: it opens every
// file without blocking (O_NONBLOCK where the system has it), so that a
// named pipe among the notes is opened, seen to be no regular file by
// readNote and skipped, instead of blocking the program until something
// writes to it.
func DirFS(dir string) fs.FS { return dirFS(dir) }

type dirFS string

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := os.OpenFile(filepath.Join(string(d), filepath.FromSlash(name)), os.O_RDONLY|openNonblock, 0)
	if err != nil {
		if pe, ok := err.(*fs.PathError); ok {
			pe.Path = name // the path below the folder, as os.DirFS gives it
		}
		return nil, err
	}
	return f, nil
}
