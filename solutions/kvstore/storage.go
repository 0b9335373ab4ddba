package kvstore

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Storage saves and loads named blobs: the helper a Store hands its bytes
// to. Names are plain file names: not empty, no path separator, not
// starting with a dot.
type Storage interface {
	// Save stores blob under name, replacing any blob of that name. The
	// caller may reuse blob once Save returns.
	Save(name string, blob []byte) error
	// Load returns the blob saved under name, or an error matching
	// fs.ErrNotExist when there is none.
	Load(name string) ([]byte, error)
	// Delete removes the blob saved under name, or returns an error
	// matching fs.ErrNotExist when there is none.
	Delete(name string) error
}

// checkName reports why name cannot name a blob, or nil.
func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\`) || !filepath.IsLocal(name) {
		return fmt.Errorf("kvstore: blob name %q must be a plain file name not starting with a dot", name)
	}
	return nil
}

// MemStorage is a Storage in memory. The zero value is empty and ready to
// use. It is safe for concurrent use, and copies blobs in and out, so a
// caller never shares memory with it.
type MemStorage struct {
	// MaxBlob, when above 0, is the largest blob Save accepts, as a
	// storage that takes blobs of at most N bytes would.
	MaxBlob int

	mu    sync.Mutex
	blobs map[string][]byte
}

// Save stores a copy of blob under name. It refuses a blob larger than
// MaxBlob.
func (m *MemStorage) Save(name string, blob []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	if m.MaxBlob > 0 && len(blob) > m.MaxBlob {
		return fmt.Errorf("kvstore: blob %s is %d bytes, more than this storage's limit of %d", name, len(blob), m.MaxBlob)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.blobs == nil {
		m.blobs = make(map[string][]byte)
	}
	m.blobs[name] = clone(blob)
	return nil
}

// Load returns a copy of the blob saved under name.
func (m *MemStorage) Load(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.blobs[name]
	if !ok {
		return nil, &fs.PathError{Op: "load", Path: name, Err: fs.ErrNotExist}
	}
	return clone(b), nil
}

// Delete removes the blob saved under name.
func (m *MemStorage) Delete(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.blobs[name]; !ok {
		return &fs.PathError{Op: "delete", Path: name, Err: fs.ErrNotExist}
	}
	delete(m.blobs, name)
	return nil
}

// Names returns the names of the saved blobs in increasing order.
func (m *MemStorage) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.blobs))
}

// DirStorage is a Storage that keeps each blob as a file in the directory
// Dir, which must exist. The zero value uses the current directory.
//
// Save is atomic: it writes a temporary file in Dir, syncs it to disk,
// renames it over the blob's file and syncs the directory, so after a
// crash the blob holds either its old bytes or its new bytes, never a mix.
type DirStorage struct {
	Dir string
}

// Save writes blob to the file Dir/name atomically.
func (d DirStorage) Save(name string, blob []byte) (err error) {
	if err := checkName(name); err != nil {
		return err
	}
	dir := d.dir()
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("kvstore: saving %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("kvstore: saving %s: %w", name, err)
		}
	}()
	if _, err := f.Write(blob); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Some systems cannot sync a
// directory; that is not an error there.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}

// Load reads the file Dir/name.
func (d DirStorage) Load(name string) ([]byte, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(d.dir(), name))
}

// Delete removes the file Dir/name.
func (d DirStorage) Delete(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	return os.Remove(filepath.Join(d.dir(), name))
}

func (d DirStorage) dir() string {
	if d.Dir == "" {
		return "."
	}
	return d.Dir
}
