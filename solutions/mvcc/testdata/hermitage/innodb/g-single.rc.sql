-- Our transcription of ept/hermitage, mysql.md: read committed does not
-- prevent Read Skew (G-single).
-- anomaly: G-single
-- level: rc
-- prevented: no
-- read-only
set session transaction isolation level read committed; begin; -- T1
set session transaction isolation level read committed; begin; -- T2
select * from test where id = 1; -- T1 [-> 1 => 10]
select * from test where id = 1; -- T2
select * from test where id = 2; -- T2
update test set value = 12 where id = 1; -- T2
update test set value = 18 where id = 2; -- T2
commit; -- T2
select * from test where id = 2; -- T1 [-> 2 => 18] [anomaly unless 2 => 20]
commit; -- T1
