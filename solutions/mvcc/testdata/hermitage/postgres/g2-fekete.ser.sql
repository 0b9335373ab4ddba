-- Our transcription of ept/hermitage, postgres.md: serializable prevents
-- Anti-Dependency Cycles (G2), Fekete et al.'s example with two
-- anti-dependency edges.
-- anomaly: G2
-- level: ser
-- prevented: yes
begin; set transaction isolation level serializable; -- T1
select * from test; -- T1 [-> 1 => 10, 2 => 20]
begin; set transaction isolation level serializable; -- T2
update test set value = value + 5 where id = 2; -- T2
commit; -- T2
begin; set transaction isolation level serializable; -- T3
select * from test; -- T3 [-> 1 => 10, 2 => 25]
commit; -- T3
update test set value = 0 where id = 1; -- T1 [error: could not serialize access due to read/write dependencies among transactions]
abort; -- T1
