-- Our transcription of ept/hermitage, mysql.md: read uncommitted does
-- not prevent Intermediate Reads (G1b).
-- anomaly: G1b
-- level: ru
-- prevented: no
set session transaction isolation level read uncommitted; begin; -- T1
set session transaction isolation level read uncommitted; begin; -- T2
update test set value = 101 where id = 1; -- T1
select * from test; -- T2 [-> 1 => 101, 2 => 20] [anomaly unless 1 => 10, 2 => 20 | 1 => 11, 2 => 20]
update test set value = 11 where id = 1; -- T1
commit; -- T1
select * from test; -- T2 [-> 1 => 11, 2 => 20]
commit; -- T2
