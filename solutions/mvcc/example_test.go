package mvcc_test

import (
	"fmt"

	"tutor/solutions/mvcc"
)

// Two transactions update the same row: the second waits for the first's
// lock, and at repeatable read PostgreSQL's first updater wins.
func ExampleRun() {
	s, err := mvcc.ParseScript(`
begin; -- T1
begin; -- T2
select * from test where id = 1; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 12 where id = 1; -- T2, blocks
commit; -- T1
rollback; -- T2
`)
	if err != nil {
		fmt.Println(err)
		return
	}
	o, err := mvcc.Run(s, mvcc.Options{Engine: mvcc.Postgres, Level: mvcc.RepeatableRead})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(o)
	// Output:
	// T2: select * from test where id = 1 -> 1 => 10
	// T1 committed
	// T2 aborted: could not serialize access due to concurrent update
}

// The summary table of Hermitage, computed by running its scripts on both
// engines at every level.
func ExampleTable() {
	t, err := mvcc.Table()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(t)
	// Output:
	// engine and level            G0 G1a G1b G1c OTV PMP P4 G-single G2-item G2
	// PostgreSQL read committed   ✓  ✓   ✓   ✓   ✓   —   —  —        —       —
	// PostgreSQL repeatable read  ✓  ✓   ✓   ✓   ✓   ✓   ✓  ✓        —       —
	// PostgreSQL serializable     ✓  ✓   ✓   ✓   ✓   ✓   ✓  ✓        ✓       ✓
	// InnoDB read uncommitted     ✓  —   —   —   —   —   —  —        —       —
	// InnoDB read committed       ✓  ✓   ✓   ✓   ✓   —   —  —        —       —
	// InnoDB repeatable read      ✓  ✓   ✓   ✓   ✓   R/O —  R/O      —       —
	// InnoDB serializable         ✓  ✓   ✓   ✓   ✓   ✓   ✓  ✓        ✓       ✓
}
