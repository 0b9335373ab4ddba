package credits

import (
	"fmt"
	"strconv"
	"strings"
)

// Credit is a grant written as text: ID:Amount@Time+Expire, for example
// "a:100@0+10", 100 credits named a usable from t=0 through t=10.
type Credit struct {
	ID     string
	Amount int64
	Time   int64
	Expire int64
}

// Debit is a charge written as text: Amount@Time, for example "120@5".
type Debit struct {
	Amount int64
	Time   int64
}

// String returns c in the form ParseCredit reads.
func (c Credit) String() string {
	return fmt.Sprintf("%s:%d@%d+%d", c.ID, c.Amount, c.Time, c.Expire)
}

// String returns d in the form ParseDebit reads.
func (d Debit) String() string {
	return fmt.Sprintf("%d@%d", d.Amount, d.Time)
}

// ParseCredit parses a grant written as id:amount@time+expire. The id is
// the text before the first colon: non-empty, printable, without spaces.
// The numbers are base-10 int64 values; time may be negative, amount must
// be positive and expire not negative. The error quotes s and names the bad
// part.
func ParseCredit(s string) (Credit, error) {
	fail := func(format string, a ...any) (Credit, error) {
		return Credit{}, fmt.Errorf("grant %q: %s (want id:amount@time+expire, e.g. a:100@0+10)", s, fmt.Sprintf(format, a...))
	}
	id, rest, ok := strings.Cut(s, ":")
	if !ok {
		return fail("no ':' after the id")
	}
	if !validID(id) {
		return fail("id %q must be non-empty printable text without spaces", id)
	}
	amount, rest, ok := strings.Cut(rest, "@")
	if !ok {
		return fail("no '@' before the time")
	}
	// The time may be negative; its '+' is the last one.
	plus := strings.LastIndexByte(rest, '+')
	if plus < 0 {
		return fail("no '+' before the expire")
	}
	c := Credit{ID: id}
	var err error
	if c.Amount, err = number("amount", amount); err != nil {
		return fail("%v", err)
	}
	if c.Time, err = number("time", rest[:plus]); err != nil {
		return fail("%v", err)
	}
	if c.Expire, err = number("expire", rest[plus+1:]); err != nil {
		return fail("%v", err)
	}
	if c.Amount <= 0 {
		return fail("amount %d must be positive", c.Amount)
	}
	if c.Expire < 0 {
		return fail("expire %d must not be negative", c.Expire)
	}
	return c, nil
}

// ParseDebit parses a charge written as amount@time. The numbers are
// base-10 int64 values; time may be negative and amount must be positive.
// The error quotes s and names the bad part.
func ParseDebit(s string) (Debit, error) {
	fail := func(format string, a ...any) (Debit, error) {
		return Debit{}, fmt.Errorf("charge %q: %s (want amount@time, e.g. 120@5)", s, fmt.Sprintf(format, a...))
	}
	amount, at, ok := strings.Cut(s, "@")
	if !ok {
		return fail("no '@' before the time")
	}
	var d Debit
	var err error
	if d.Amount, err = number("amount", amount); err != nil {
		return fail("%v", err)
	}
	if d.Time, err = number("time", at); err != nil {
		return fail("%v", err)
	}
	if d.Amount <= 0 {
		return fail("amount %d must be positive", d.Amount)
	}
	return d, nil
}

// number parses a base-10 int64 that may start with '-' but not '+'.
func number(what, s string) (int64, error) {
	if strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("%s %q is not a number", what, s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, fmt.Errorf("%s %q is out of range", what, s)
		}
		return 0, fmt.Errorf("%s %q is not a number", what, s)
	}
	return n, nil
}
