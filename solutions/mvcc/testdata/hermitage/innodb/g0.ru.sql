-- Our transcription of ept/hermitage, mysql.md: read uncommitted
-- prevents Write Cycles (G0) by locking updated rows. Hermitage runs the
-- last select in either session; we run it in T1.
-- anomaly: G0
-- level: ru
-- prevented: yes
set session transaction isolation level read uncommitted; begin; -- T1
set session transaction isolation level read uncommitted; begin; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 12 where id = 1; -- T2 [blocks]
update test set value = 21 where id = 2; -- T1
commit; -- T1
select * from test; -- T1 [-> 1 => 12, 2 => 21]
update test set value = 22 where id = 2; -- T2
commit; -- T2
select * from test; -- T1 [-> 1 => 12, 2 => 22] [anomaly unless 1 => 12, 2 => 22 | 1 => 11, 2 => 21]
