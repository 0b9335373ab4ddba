// Package mvcc is a small in-memory database of one table,
// test (id int primary key, value int), that runs interleaved transactions
// the way two real engines do: InnoDB (MySQL, MariaDB) with its undo chains,
// read views and next-key locks, and PostgreSQL with its xmin/xmax tuples,
// snapshots, row locks and serializable snapshot isolation (SSI).
//
// The input is a script in the form Martin Kleppmann's Hermitage suite uses:
// one or more statements a line, each line tagged with its session in a
// trailing comment,
//
//	begin; -- T1
//	update test set value = 11 where id = 1; -- T1
//	update test set value = 12 where id = 1; -- T2, blocks
//
// Run executes a script on an engine at an isolation level and reports, for
// every statement, whether it blocked, what it returned and the engine's
// error, and for every transaction how it ended (an Outcome). A blocked
// statement waits until the lock it waits for is released; the script's next
// line for that session is refused until then. Every table starts as
// Hermitage's does, with the rows (1, 10) and (2, 20).
//
// An observer (Options.Observe) sees each step as an Event: a read view or
// snapshot taken, each version a read walks past and why it is or is not
// visible, each lock granted or waited for, each version written, each
// commit, rollback, deadlock and serialization failure. Its Step is one of
// the Step constants, and the line of engine.go that performs it carries
// "// step: <id>" for tutor's source pane.
//
// Hermitage's scripts are transcribed under testdata/hermitage, and Table
// runs them at every level of both engines to print Hermitage's summary
// table.
package mvcc
