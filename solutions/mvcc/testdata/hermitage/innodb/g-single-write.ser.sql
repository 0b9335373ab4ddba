-- Our transcription of ept/hermitage, mysql.md: serializable prevents
-- Read Skew (G-single) on a write predicate.
-- anomaly: G-single
-- level: ser
-- prevented: yes
set session transaction isolation level serializable; begin; -- T1
set session transaction isolation level serializable; begin; -- T2
select * from test where id = 1; -- T1 [-> 1 => 10]
select * from test; -- T2
update test set value = 12 where id = 1; -- T2 [blocks]
delete from test where value = 20; -- T1 [error: Deadlock found when trying to get lock; try restarting transaction]
update test set value = 18 where id = 2; -- T2
rollback; -- T1
commit; -- T2
