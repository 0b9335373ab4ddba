-- Our transcription of ept/hermitage, mysql.md: read uncommitted does
-- not prevent Aborted Reads (G1a).
-- anomaly: G1a
-- level: ru
-- prevented: no
set session transaction isolation level read uncommitted; begin; -- T1
set session transaction isolation level read uncommitted; begin; -- T2
update test set value = 101 where id = 1; -- T1
select * from test; -- T2 [-> 1 => 101, 2 => 20] [anomaly unless 1 => 10, 2 => 20]
rollback; -- T1
select * from test; -- T2 [-> 1 => 10, 2 => 20]
commit; -- T2
