-- Our transcription of ept/hermitage, mysql.md: read uncommitted does not
-- prevent Observed Transaction Vanishes (OTV).
-- anomaly: OTV
-- level: ru
-- prevented: no
set session transaction isolation level read uncommitted; begin; -- T1
set session transaction isolation level read uncommitted; begin; -- T2
set session transaction isolation level read uncommitted; begin; -- T3
update test set value = 11 where id = 1; -- T1
update test set value = 19 where id = 2; -- T1
update test set value = 12 where id = 1; -- T2 [blocks]
commit; -- T1
select * from test; -- T3 [-> 1 => 12, 2 => 19] [anomaly unless 1 => 11, 2 => 19 | 1 => 12, 2 => 18]
update test set value = 18 where id = 2; -- T2
select * from test; -- T3 [-> 1 => 12, 2 => 18]
commit; -- T2
commit; -- T3
