-- Our transcription of ept/hermitage, mysql.md: read uncommitted does
-- not prevent Circular Information Flow (G1c).
-- anomaly: G1c
-- level: ru
-- prevented: no
set session transaction isolation level read uncommitted; begin; -- T1
set session transaction isolation level read uncommitted; begin; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 22 where id = 2; -- T2
select * from test where id = 2; -- T1 [-> 2 => 22] [anomaly if 2 => 22]
select * from test where id = 1; -- T2 [-> 1 => 11] [anomaly if 1 => 11]
commit; -- T1
commit; -- T2
