-- Our transcription of ept/hermitage, mysql.md: serializable prevents
-- Anti-Dependency Cycles (G2), Fekete et al.'s example with two
-- anti-dependency edges.
-- anomaly: G2
-- level: ser
-- prevented: yes
set session transaction isolation level serializable; begin; -- T1
select * from test; -- T1 [-> 1 => 10, 2 => 20]
set session transaction isolation level serializable; begin; -- T2
update test set value = value + 5 where id = 2; -- T2 [blocks] [error: Deadlock found when trying to get lock; try restarting transaction]
set session transaction isolation level serializable; begin; -- T3
select * from test; -- T3 [blocks] [-> 1 => 10, 2 => 20]
update test set value = 0 where id = 1; -- T1 [blocks]
commit; -- T3
commit; -- T1
rollback; -- T2
