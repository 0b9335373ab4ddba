package mvcc

import (
	"fmt"
	"strings"
)

// Level is a transaction isolation level.
type Level uint8

// The isolation levels of the SQL standard. PostgreSQL runs read uncommitted
// as read committed, as the real server does.
const (
	ReadUncommitted Level = iota + 1
	ReadCommitted
	RepeatableRead
	Serializable
)

var levelNames = [...]string{"", "read uncommitted", "read committed", "repeatable read", "serializable"}
var levelShort = [...]string{"", "ru", "rc", "rr", "ser"}

// String is the level as SQL names it, e.g. "repeatable read".
func (l Level) String() string {
	if int(l) < len(levelNames) && l > 0 {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", l)
}

// Short is the level's abbreviation: ru, rc, rr or ser.
func (l Level) Short() string {
	if int(l) < len(levelShort) && l > 0 {
		return levelShort[l]
	}
	return "?"
}

// ParseLevel reads a level by its abbreviation (ru, rc, rr, ser) or its SQL
// name, with spaces or dashes.
func ParseLevel(s string) (Level, error) {
	k := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), " "))
	for l := ReadUncommitted; l <= Serializable; l++ {
		if k == levelShort[l] || k == levelNames[l] {
			return l, nil
		}
	}
	if k == "serialisable" {
		return Serializable, nil
	}
	return 0, fmt.Errorf("unknown isolation level %q (want ru, rc, rr or ser)", s)
}

// Engine is the database whose rules a run follows.
type Engine uint8

// The engines.
const (
	InnoDB   Engine = iota + 1 // MySQL's and MariaDB's storage engine
	Postgres                   // PostgreSQL
)

// String is the engine's name: "InnoDB" or "PostgreSQL".
func (e Engine) String() string {
	switch e {
	case InnoDB:
		return "InnoDB"
	case Postgres:
		return "PostgreSQL"
	}
	return fmt.Sprintf("Engine(%d)", e)
}

// Levels is the engine's isolation levels, weakest first.
func (e Engine) Levels() []Level {
	if e == Postgres {
		return []Level{ReadCommitted, RepeatableRead, Serializable}
	}
	return []Level{ReadUncommitted, ReadCommitted, RepeatableRead, Serializable}
}

// Default is the engine's default level: repeatable read for InnoDB, read
// committed for PostgreSQL.
func (e Engine) Default() Level {
	if e == Postgres {
		return ReadCommitted
	}
	return RepeatableRead
}

// ParseEngine reads an engine's name: innodb (or mysql, mariadb) or
// postgres (or postgresql, pg).
func ParseEngine(s string) (Engine, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "innodb", "mysql", "mariadb":
		return InnoDB, nil
	case "postgres", "postgresql", "pg":
		return Postgres, nil
	}
	return 0, fmt.Errorf("unknown engine %q (want innodb or postgres)", s)
}
